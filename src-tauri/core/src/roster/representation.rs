//! Representation: how far a group reflects its communities, from the
//! Equality Act's protected characteristics. Several are special category
//! data under UK GDPR, so:
//! - every answer is optional and self-declared, "prefer not to say" always
//!   allowed, with the date consent was given;
//! - figures leave the vault only as aggregate counts, and any count below 5
//!   is shown as "fewer than 5", so no one can be singled out;
//! - withdrawal deletes the answers at once (not a flag).
//!
//! No per-person view of these answers exists anywhere in IAG Desk.

use crate::dates::parse_date;
use crate::error::Problem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Counts below this are suppressed.
pub const SUPPRESS_BELOW: u32 = 5;

pub const PREFER_NOT_TO_SAY: (&str, &str) = ("prefer_not_to_say", "Prefer not to say");

/// One characteristic: its stored column, label and answers (code, label).
pub struct Characteristic {
    pub code: &'static str,
    pub label: &'static str,
    pub answers: &'static [(&'static str, &'static str)],
}

const YES_NO: &[(&str, &str)] = &[("yes", "Yes"), ("no", "No")];

pub const CHARACTERISTICS: &[Characteristic] = &[
    Characteristic {
        code: "age_band",
        label: "Age",
        answers: &[
            ("16_24", "16 to 24"),
            ("25_34", "25 to 34"),
            ("35_44", "35 to 44"),
            ("45_54", "45 to 54"),
            ("55_64", "55 to 64"),
            ("65_plus", "65 and over"),
        ],
    },
    Characteristic {
        code: "disability",
        label: "Disability",
        answers: YES_NO,
    },
    Characteristic {
        code: "gender_reassignment",
        label: "Gender identity differs from sex registered at birth",
        answers: YES_NO,
    },
    Characteristic {
        code: "marriage",
        label: "Marriage or civil partnership",
        answers: &[
            ("married", "Married or in a civil partnership"),
            ("not_married", "Not married or in a civil partnership"),
        ],
    },
    Characteristic {
        code: "pregnancy",
        label: "Pregnancy or maternity",
        answers: YES_NO,
    },
    Characteristic {
        code: "race",
        label: "Ethnic group",
        answers: &[
            ("asian", "Asian or Asian British"),
            ("black", "Black, Black British, Caribbean or African"),
            ("mixed", "Mixed or multiple ethnic groups"),
            ("white", "White"),
            ("other", "Other ethnic group"),
        ],
    },
    Characteristic {
        code: "religion",
        label: "Religion or belief",
        answers: &[
            ("none", "No religion"),
            ("buddhist", "Buddhist"),
            ("christian", "Christian"),
            ("hindu", "Hindu"),
            ("jewish", "Jewish"),
            ("muslim", "Muslim"),
            ("sikh", "Sikh"),
            ("other", "Any other religion or belief"),
        ],
    },
    Characteristic {
        code: "sex",
        label: "Sex",
        answers: &[("female", "Female"), ("male", "Male")],
    },
    Characteristic {
        code: "sexual_orientation",
        label: "Sexual orientation",
        answers: &[
            ("straight", "Straight or heterosexual"),
            ("gay_or_lesbian", "Gay or lesbian"),
            ("bisexual", "Bisexual"),
            ("other", "Another sexual orientation"),
        ],
    },
];

/// One person's answers as the form sends them: characteristic code → answer
/// code; a missing or empty answer means "not answered".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RepresentationForm {
    pub consent_on: String,
    pub answers: BTreeMap<String, String>,
}

/// Answers that passed the checks: characteristic code → answer code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub consent_on: NaiveDate,
    pub answers: BTreeMap<&'static str, &'static str>,
}

pub fn check(form: &RepresentationForm, today: NaiveDate) -> Result<Answers, Vec<Problem>> {
    let mut problems = Vec::new();
    let consent_on = match parse_date(&form.consent_on) {
        Ok(Some(d)) if d <= today => Some(d),
        Ok(Some(_)) => {
            problems.push(Problem::new(
                "consent_on",
                "consent cannot be given in the future.",
            ));
            None
        }
        Ok(None) => {
            problems.push(Problem::new(
                "consent_on",
                "record the date the member gave consent; without consent nothing is kept.",
            ));
            None
        }
        Err(m) => {
            problems.push(Problem::new("consent_on", m));
            None
        }
    };
    let mut answers = BTreeMap::new();
    for (code, answer) in &form.answers {
        let answer = answer.trim();
        if answer.is_empty() {
            continue;
        }
        let Some(c) = CHARACTERISTICS.iter().find(|c| c.code == code) else {
            problems.push(Problem::new(
                code.clone(),
                "not a characteristic IAG Desk records.",
            ));
            continue;
        };
        let found = c
            .answers
            .iter()
            .chain(std::iter::once(&PREFER_NOT_TO_SAY))
            .find(|(a, _)| *a == answer);
        match found {
            Some((a, _)) => {
                answers.insert(c.code, *a);
            }
            None => problems.push(Problem::new(
                c.code,
                format!("\"{answer}\" is not one of the answers for {}.", c.label),
            )),
        }
    }
    match consent_on {
        Some(consent_on) if problems.is_empty() => Ok(Answers {
            consent_on,
            answers,
        }),
        _ => Err(problems),
    }
}

/// A count as it may be shown: exact from 5 up, otherwise "fewer than 5".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Shown {
    Count(u32),
    FewerThan(String),
}

pub fn shown(count: u32) -> Shown {
    if count < SUPPRESS_BELOW {
        Shown::FewerThan(format!("fewer than {SUPPRESS_BELOW}"))
    } else {
        Shown::Count(count)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerCount {
    pub answer: &'static str,
    pub count: Shown,
}

#[derive(Debug, Clone, Serialize)]
pub struct CharacteristicCounts {
    pub characteristic: &'static str,
    pub answers: Vec<AnswerCount>,
}

/// The only view of representation data: counts per answer, suppressed.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Current members the summary covers.
    pub members: Shown,
    /// Members who gave any answers.
    pub respondents: Shown,
    pub characteristics: Vec<CharacteristicCounts>,
}

/// Aggregates the answers of `members` people, of whom `each` answered.
pub fn summarise(members: u32, each: &[BTreeMap<String, String>]) -> Summary {
    let characteristics = CHARACTERISTICS
        .iter()
        .map(|c| CharacteristicCounts {
            characteristic: c.label,
            answers: c
                .answers
                .iter()
                .chain(std::iter::once(&PREFER_NOT_TO_SAY))
                .map(|(code, label)| AnswerCount {
                    answer: label,
                    count: shown(
                        each.iter()
                            .filter(|a| a.get(c.code).map(String::as_str) == Some(*code))
                            .count() as u32,
                    ),
                })
                .collect(),
        })
        .collect();
    Summary {
        members: shown(members),
        respondents: shown(each.len() as u32),
        characteristics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn counts_below_five_are_never_shown() {
        for n in 0..5 {
            assert_eq!(shown(n), Shown::FewerThan("fewer than 5".into()), "{n}");
        }
        assert_eq!(shown(5), Shown::Count(5));
    }

    #[test]
    fn a_summary_suppresses_small_groups() {
        let one = BTreeMap::from([("religion".to_string(), "sikh".to_string())]);
        let many = BTreeMap::from([("religion".to_string(), "christian".to_string())]);
        let mut each = vec![one];
        each.extend(std::iter::repeat_n(many, 6));
        let s = summarise(9, &each);
        let religion = s
            .characteristics
            .iter()
            .find(|c| c.characteristic == "Religion or belief")
            .unwrap();
        let count = |label: &str| {
            religion
                .answers
                .iter()
                .find(|a| a.answer == label)
                .unwrap()
                .count
                .clone()
        };
        assert_eq!(count("Christian"), Shown::Count(6));
        assert_eq!(
            count("Sikh"),
            Shown::FewerThan("fewer than 5".into()),
            "one Sikh member must not be identifiable"
        );
        assert_eq!(s.respondents, Shown::Count(7));
    }

    #[test]
    fn prefer_not_to_say_is_always_an_answer() {
        for c in CHARACTERISTICS {
            let form = RepresentationForm {
                consent_on: "2026-11-01".into(),
                answers: BTreeMap::from([(c.code.to_string(), "prefer_not_to_say".to_string())]),
            };
            assert!(check(&form, today()).is_ok(), "{}", c.code);
        }
    }

    #[test]
    fn answers_need_consent_and_known_codes() {
        let form = RepresentationForm {
            consent_on: "".into(),
            answers: BTreeMap::from([("sex".to_string(), "unknown".to_string())]),
        };
        let p = check(&form, today()).unwrap_err();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].field, "consent_on");
        assert!(p[1].message.contains("not one of the answers for Sex"));
    }
}
