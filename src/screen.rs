//! Red-flag screening: the questions to ask before a self-guided program, and what a "yes" means.
//!
//! The general questions follow `clinical-evidence.md` §7.6 (NHS knee red-flag pathways and the
//! Ottawa knee rule); each program adds its own red flags as yes/no questions. Pure: answers in,
//! verdict out. Asking in a terminal and reading answer files is the command layer's job.

use crate::model::{GeneralRedFlags, Program, RedFlag, Urgency};
use std::collections::BTreeMap;

/// One yes/no question. "Yes" means: see a doctor before exercising.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Why a "yes" needs a doctor.
    pub why: String,
    /// How urgently a "yes" needs a doctor.
    pub urgency: Urgency,
    /// Shown as "[unverified]" where our evidence digest could not check the source.
    pub verified: bool,
}

/// The heading of each urgency, as the English template prints it above the warning signs
/// (`red_flags_emergency_title`, ...). The screen command and the referral message use these
/// words; a test keeps them equal to templates/en.toml.
pub fn urgency_heading(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "Call emergency services now if:",
        Urgency::SameDay => "Get seen by a doctor the same day if:",
        Urgency::Days => "See a doctor within a few days if:",
    }
}

fn q(id: &str, urgency: Urgency, text: &str, why: &str, verified: bool) -> Question {
    Question {
        id: id.into(),
        text: text.into(),
        why: why.into(),
        urgency,
        verified,
    }
}

/// The general questions, asked for every cause whose program does not replace them, most
/// urgent first. Grades after `clinical-evidence.md` §7.6: emergency for a septic joint and a
/// clot with breathlessness; the same day for a locked knee, the Ottawa signs and not bearing
/// weight (and, more cautious than the list, a clot without breathlessness and a numb, cold or
/// deformed leg, which the digest calls urgent); within days for the rest.
pub fn general() -> Vec<Question> {
    [emergency(), same_day(), within_days()].concat()
}

/// The general questions whose "yes" is an emergency.
fn emergency() -> Vec<Question> {
    use Urgency::*;
    vec![
        q(
            "calf-breathless",
            Emergency,
            "Is your calf painful or swollen AND are you short of breath or have chest pain?",
            "A blood clot in the leg (DVT) can travel to the lungs: with breathlessness or chest pain this is an emergency.",
            false,
        ),
        q(
            "hot-swollen-fever",
            Emergency,
            "Is the knee hot, red and swollen, with a fever or feeling generally unwell?",
            "A hot, swollen joint with fever can be an infection of the joint: this is an emergency.",
            true,
        ),
    ]
}

/// The general questions whose "yes" needs a doctor the same day.
fn same_day() -> Vec<Question> {
    use Urgency::*;
    vec![
        q(
            "injury-xray",
            SameDay,
            "Did the pain start with a fall, twist or blow to the knee AND is one of these true: you are 55 or older; one spot on the kneecap or on the bony bump below the outside of the knee is tender; you cannot bend the knee to a right angle; you could not take four steps on it?",
            "After an injury these signs (the Ottawa knee rule) mean the knee needs an X-ray to rule out a fracture.",
            true,
        ),
        q(
            "locking",
            SameDay,
            "Does the knee lock or get stuck so that you cannot straighten it fully?",
            "A locked knee can mean a torn piece of meniscus or a loose body caught in the joint; it needs an urgent check.",
            true,
        ),
        q(
            "cannot-bear-weight",
            SameDay,
            "Are you unable to walk or to put your weight on the leg?",
            "Not being able to bear weight needs an examination before any exercise.",
            true,
        ),
        q(
            "numb-cold-deformed",
            SameDay,
            "Is the foot numb, cold, pale or tingling, or does the knee look out of shape?",
            "These can mean damage to nerves or blood vessels or a dislocation: get urgent help.",
            true,
        ),
        q(
            "calf-swelling",
            SameDay,
            "Is your calf painful, swollen or warm, especially after a long journey, an operation or time off your feet?",
            "Calf pain and swelling can be a blood clot (DVT), which needs urgent review.",
            false,
        ),
    ]
}

/// The general questions whose "yes" needs a doctor within a few days.
fn within_days() -> Vec<Question> {
    use Urgency::*;
    vec![
        q(
            "rapid-swelling",
            Days,
            "Did the knee swell up within about two hours of an injury?",
            "Fast swelling after an injury can mean bleeding into the joint (a torn ligament, a broken piece of cartilage or bone, or a dislocated kneecap).",
            true,
        ),
        q(
            "giving-way",
            Days,
            "Does the knee truly give way or buckle under you?",
            "Real giving way suggests damage inside the joint (a ligament or the meniscus) that needs examining.",
            true,
        ),
        q(
            "bone-stress",
            Days,
            "Does it hurt to hop on the leg, or is there one spot on the bone that is tender when you press it?",
            "Pain on hopping or one tender spot on a bone can be a stress fracture (one at the top of the shin bone can feel like pain on the inside of the knee). Stop running and have it checked.",
            false,
        ),
        q(
            "night-rest-pain",
            Days,
            "Do you have constant pain at night or at rest, unexplained weight loss, or a hard lump near the knee?",
            "Pain that does not ease with rest, weight loss or a lump needs a doctor to rule out infection, a stress fracture or a tumour.",
            true,
        ),
        q(
            "morning-stiffness",
            Days,
            "Is the knee stiff for more than 30 minutes every morning, or do you have psoriasis, inflammatory bowel disease or another inflammatory joint condition?",
            "Long morning stiffness or an inflammatory condition points to inflammatory arthritis, which a doctor (rheumatology) should assess.",
            true,
        ),
    ]
}

/// The questions for a program (its red flags as `<cause>-1`, `<cause>-2`, ...), after the
/// general ones unless the program replaces them; most urgent first.
pub fn questions_for(id: &str, flags: &[RedFlag], mode: GeneralRedFlags) -> Vec<Question> {
    let mut qs = match mode {
        GeneralRedFlags::Extend => general(),
        GeneralRedFlags::Replace => Vec::new(),
    };
    for (i, flag) in flags.iter().enumerate() {
        qs.push(Question {
            id: format!("{id}-{}", i + 1),
            text: flag.question.clone(),
            why: if flag.why.is_empty() {
                format!(
                    "{} needs a doctor's assessment first.",
                    capitalise(&flag.sign)
                )
            } else {
                flag.why.clone()
            },
            urgency: flag.urgency,
            verified: true,
        });
    }
    // Stable: the general questions stay before the program's within each grade.
    qs.sort_by_key(|q| q.urgency);
    qs
}

/// The questions with the general ones worded by a template (`screen_questions`, in the order
/// of [`general`]); a program's own questions keep their (translated) text.
pub fn worded(mut qs: Vec<Question>, texts: &[String]) -> Vec<Question> {
    let ids: Vec<String> = general().into_iter().map(|q| q.id).collect();
    for q in &mut qs {
        if let Some(t) = ids
            .iter()
            .position(|id| *id == q.id)
            .and_then(|i| texts.get(i))
        {
            q.text = t.clone();
        }
    }
    qs
}

/// The general questions, or a program's (see [`questions_for`]).
pub fn questions(program: Option<&Program>) -> Vec<Question> {
    match program {
        None => general(),
        Some(p) => questions_for(&p.id, &p.red_flags, p.general_red_flags),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The result of a screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every question answered no.
    Clear,
    /// At least one yes: see a doctor first.
    SeeADoctor(Vec<Question>),
}

/// Judge the answers. `answers` maps question ids to yes (true) or no. Any "yes" means see a
/// doctor, even when other questions are unanswered: safety comes before completeness.
/// Otherwise the ids of unanswered questions are the error.
pub fn judge(
    questions: &[Question],
    answers: &BTreeMap<String, bool>,
) -> Result<Verdict, Vec<String>> {
    let yes: Vec<Question> = questions
        .iter()
        .filter(|q| answers.get(&q.id) == Some(&true))
        .cloned()
        .collect();
    if !yes.is_empty() {
        return Ok(Verdict::SeeADoctor(yes));
    }
    let missing: Vec<String> = questions
        .iter()
        .filter(|q| !answers.contains_key(&q.id))
        .map(|q| q.id.clone())
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(Verdict::Clear)
}

/// The message printed for a positive screening: the questions answered yes, grouped under
/// the urgency headings of the warning-signs box, most urgent first.
pub fn referral_message(yes: &[Question]) -> String {
    let mut s = String::from(
        "SEE A DOCTOR FIRST: do not start this exercise program yet.\n\nYou answered yes to:\n",
    );
    for u in Urgency::ALL {
        let group: Vec<&Question> = yes.iter().filter(|q| q.urgency == u).collect();
        if group.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{}\n", urgency_heading(u)));
        for q in group {
            s.push_str(&format!("  - {}\n    Why: {}\n", q.text, q.why));
        }
    }
    let most = yes.iter().map(|q| q.urgency).min().unwrap_or(Urgency::Days);
    s.push_str(match most {
        Urgency::Emergency => "\nCall emergency services now.\n",
        Urgency::SameDay => "\nGet seen by a doctor today: an urgent care centre, an emergency department or an acute knee clinic.\n",
        Urgency::Days => "\nSee a doctor or physiotherapist within the next few days, before you exercise the leg.\n",
    });
    // No newline at the end: the error printer adds it.
    s.push_str("(A clinician who has examined you and cleared you for exercise can plan with --cleared-by-clinician.)");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_yes_means_see_a_doctor() {
        let qs = general();
        let mut answers: BTreeMap<String, bool> =
            qs.iter().map(|q| (q.id.clone(), false)).collect();
        assert_eq!(judge(&qs, &answers), Ok(Verdict::Clear));
        answers.insert("locking".into(), true);
        match judge(&qs, &answers) {
            Ok(Verdict::SeeADoctor(yes)) => assert_eq!(
                yes.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(),
                ["locking"]
            ),
            other => panic!("{other:?}"),
        }
        // A "yes" wins over a missing answer.
        answers.remove("giving-way");
        assert!(matches!(judge(&qs, &answers), Ok(Verdict::SeeADoctor(_))));
        answers.insert("locking".into(), false);
        assert_eq!(judge(&qs, &answers), Err(vec!["giving-way".to_string()]));
    }

    #[test]
    fn ids_are_unique() {
        let qs = general();
        let mut ids: Vec<&str> = qs.iter().map(|q| q.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), qs.len());
    }

    #[test]
    fn the_headings_are_the_english_template_s() {
        let w = crate::validate::template::builtin("en").unwrap().text;
        assert_eq!(
            urgency_heading(Urgency::Emergency),
            w.red_flags_emergency_title
        );
        assert_eq!(
            urgency_heading(Urgency::SameDay),
            w.red_flags_same_day_title
        );
        assert_eq!(urgency_heading(Urgency::Days), w.red_flags_days_title);
    }

    #[test]
    fn the_english_template_words_the_general_questions_as_asked() {
        let w = crate::validate::template::builtin("en").unwrap().text;
        let asked: Vec<String> = general().into_iter().map(|q| q.text).collect();
        assert_eq!(w.screen_questions, asked);
        let de = crate::validate::template::builtin("de").unwrap().text;
        let qs = worded(general(), &de.screen_questions);
        assert!(
            qs[0].text.starts_with("Schmerzt Ihre Wade"),
            "{}",
            qs[0].text
        );
        assert_eq!(qs.len(), asked.len());
    }

    #[test]
    fn the_issue_s_grades() {
        let grade = |id: &str| general().into_iter().find(|q| q.id == id).unwrap().urgency;
        assert_eq!(grade("hot-swollen-fever"), Urgency::Emergency);
        assert_eq!(grade("calf-breathless"), Urgency::Emergency);
        assert_eq!(grade("locking"), Urgency::SameDay);
        assert_eq!(grade("injury-xray"), Urgency::SameDay);
        assert_eq!(grade("cannot-bear-weight"), Urgency::SameDay);
        assert_eq!(grade("bone-stress"), Urgency::Days);
        assert_eq!(grade("giving-way"), Urgency::Days);
    }
}
