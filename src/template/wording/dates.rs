//! Dates in words: weekday and month names, and the long, short and calendar dates.

use super::Wording;
use crate::template::fill;
use chrono::{Datelike, NaiveDate, Weekday};

impl Wording {
    /// The weekday's name, e.g. "Monday".
    pub fn weekday(&self, day: Weekday) -> &str {
        &self.weekdays[day.num_days_from_monday() as usize]
    }

    /// The weekday's short name, e.g. "Mon".
    pub fn weekday_short(&self, day: Weekday) -> &str {
        &self.weekdays_short[day.num_days_from_monday() as usize]
    }

    /// The month's name (1 = January).
    pub fn month(&self, month: u32) -> &str {
        &self.months[(month.clamp(1, 12) - 1) as usize]
    }

    /// A date written with `pattern` (one of `date_long`, `date_short`, `date_calendar`).
    pub fn format_date(&self, pattern: &str, date: NaiveDate) -> String {
        let m = date.month0() as usize;
        fill(
            pattern,
            &[
                ("weekday", self.weekday(date.weekday())),
                ("weekday_short", self.weekday_short(date.weekday())),
                ("day", &date.day().to_string()),
                ("day2", &format!("{:02}", date.day())),
                ("month", &self.months[m]),
                ("month_short", &self.months_short[m]),
                ("month_number", &(m + 1).to_string()),
                ("month2", &format!("{:02}", m + 1)),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// A full date, e.g. "Monday 3 March 2025".
    pub fn date_long(&self, date: NaiveDate) -> String {
        self.format_date(&self.date_long, date)
    }

    /// A short date, e.g. "Mon 3 Mar".
    pub fn date_short(&self, date: NaiveDate) -> String {
        self.format_date(&self.date_short, date)
    }

    /// A date for a calendar cell, e.g. "3 Mar".
    pub fn date_calendar(&self, date: NaiveDate) -> String {
        self.format_date(&self.date_calendar, date)
    }

    /// "{start} to {end}" with two dates already written.
    pub fn date_range(&self, start: &str, end: &str) -> String {
        fill(&self.date_range, &[("start", start), ("end", end)])
    }
}
