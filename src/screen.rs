//! Red-flag screening: the questions to ask before a self-guided program, and what a "yes" means.
//!
//! The general questions follow `clinical-evidence.md` §7.6 (NHS knee red-flag pathways and the
//! Ottawa knee rule); each program adds its own red flags as yes/no questions. Pure: answers in,
//! verdict out. Asking in a terminal and reading answer files is the command layer's job.

use crate::model::Program;
use std::collections::BTreeMap;

/// One yes/no question. "Yes" means: see a doctor before exercising.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Why a "yes" needs a doctor, and how urgently.
    pub why: String,
    /// Shown as "[unverified]" where our evidence digest could not check the source.
    pub verified: bool,
}

fn q(id: &str, text: &str, why: &str, verified: bool) -> Question {
    Question {
        id: id.into(),
        text: text.into(),
        why: why.into(),
        verified,
    }
}

/// The general questions, asked for every cause.
pub fn general() -> Vec<Question> {
    vec![
        q(
            "injury-xray",
            "Did the pain start with a fall, twist or blow to the knee AND is one of these true: you are 55 or older; one spot on the kneecap or on the bony bump below the outside of the knee is tender; you cannot bend the knee to a right angle; you could not take four steps on it?",
            "After an injury these signs (the Ottawa knee rule) mean the knee needs an X-ray to rule out a fracture.",
            true,
        ),
        q(
            "rapid-swelling",
            "Did the knee swell up within about two hours of an injury?",
            "Fast swelling after an injury can mean bleeding into the joint (a torn ligament, a broken piece of cartilage or bone, or a dislocated kneecap).",
            true,
        ),
        q(
            "locking",
            "Does the knee lock or get stuck so that you cannot straighten it fully?",
            "A locked knee can mean a torn piece of meniscus or a loose body caught in the joint; it needs an urgent check.",
            true,
        ),
        q(
            "giving-way",
            "Does the knee truly give way or buckle under you?",
            "Real giving way suggests damage inside the joint (a ligament or the meniscus) that needs examining.",
            true,
        ),
        q(
            "hot-swollen-fever",
            "Is the knee hot, red and swollen, or do you have a fever or feel generally unwell?",
            "A hot, swollen joint with fever can be an infection of the joint: this is an emergency.",
            true,
        ),
        q(
            "night-rest-pain",
            "Do you have constant pain at night or at rest, unexplained weight loss, or a hard lump near the knee?",
            "Pain that does not ease with rest, weight loss or a lump needs a doctor to rule out infection, a stress fracture or a tumour.",
            true,
        ),
        q(
            "cannot-bear-weight",
            "Are you unable to walk or to put your weight on the leg?",
            "Not being able to bear weight needs an examination before any exercise.",
            true,
        ),
        q(
            "numb-cold-deformed",
            "Is the foot numb, cold, pale or tingling, or does the knee look out of shape?",
            "These can mean damage to nerves or blood vessels or a dislocation: get urgent help.",
            true,
        ),
        q(
            "morning-stiffness",
            "Is the knee stiff for more than 30 minutes every morning, or do you have psoriasis, inflammatory bowel disease or another inflammatory joint condition?",
            "Long morning stiffness or an inflammatory condition points to inflammatory arthritis, which a doctor (rheumatology) should assess.",
            true,
        ),
        q(
            "calf-swelling",
            "Is your calf painful, swollen or warm, especially after a long journey, an operation or time off your feet?",
            "Calf pain and swelling can be a blood clot (DVT), which needs urgent review.",
            false,
        ),
    ]
}

/// The general questions plus the program's red flags as questions (`<cause>-1`, `<cause>-2`, ...).
pub fn questions(program: Option<&Program>) -> Vec<Question> {
    let mut qs = general();
    if let Some(p) = program {
        for (i, flag) in p.red_flags.iter().enumerate() {
            qs.push(Question {
                id: format!("{}-{}", p.id, i + 1),
                text: format!("Does this apply to you: {}", flag.trim_end_matches('.')),
                why: format!(
                    "For {} this is a warning sign that needs a doctor's assessment first.",
                    p.title
                ),
                verified: true,
            });
        }
    }
    qs
}

/// The result of a screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every question answered no.
    Clear,
    /// At least one yes: see a doctor first.
    SeeADoctor(Vec<Question>),
}

/// Judge complete answers. `answers` maps question ids to yes (true) or no.
/// Returns the ids of unanswered questions as an error.
pub fn judge(
    questions: &[Question],
    answers: &BTreeMap<String, bool>,
) -> Result<Verdict, Vec<String>> {
    let missing: Vec<String> = questions
        .iter()
        .filter(|q| !answers.contains_key(&q.id))
        .map(|q| q.id.clone())
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let yes: Vec<Question> = questions
        .iter()
        .filter(|q| answers[&q.id])
        .cloned()
        .collect();
    Ok(if yes.is_empty() {
        Verdict::Clear
    } else {
        Verdict::SeeADoctor(yes)
    })
}

/// The message printed for a positive screening.
pub fn referral_message(yes: &[Question]) -> String {
    let mut s = String::from(
        "SEE A DOCTOR FIRST: do not start this exercise program yet.\n\nYou answered yes to:\n",
    );
    for q in yes {
        s.push_str(&format!("  - {}\n    Why: {}\n", q.text, q.why));
    }
    s.push_str("\nA doctor or physiotherapist should examine the knee before you exercise it. If the knee is hot and swollen with a fever, or the leg is numb, cold or cannot bear weight, get help today.\n");
    s.push_str("(A clinician who has examined you and cleared you for exercise can plan with --cleared-by-clinician.)\n");
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
        answers.remove("giving-way");
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
}
