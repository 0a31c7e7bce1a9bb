//! Pure rules for what may go on the roster: checking a person's details as
//! typed into a form or a CSV row, vetting, quorum rules.
//!
//! Every check names the field and says what is wrong in words a secretary
//! can act on; all problems are reported together, never one at a time.

use crate::dates::parse_date;
use crate::error::Problem;
use crate::vocabulary::{AreaConnection, MemberStatus, PersonKind};
use chrono::NaiveDate;
use serde::Serialize;

pub use crate::storage::people::{PersonForm, ValidPerson};

impl ValidPerson {
    /// What search looks through, folded to lower case once, at save time.
    pub fn search_text(&self) -> String {
        [
            self.full_name.as_str(),
            &self.email,
            &self.skills,
            &self.communities,
            &self.police_rank,
            &self.connection_place,
        ]
        .join(" ")
        .to_lowercase()
    }
}

const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 4000;

/// Checks a person's details; on failure returns every problem at once.
pub fn check_person(form: &PersonForm, today: NaiveDate) -> Result<ValidPerson, Vec<Problem>> {
    let mut problems = Vec::new();
    let full_name = tidy(&form.full_name);
    if full_name.is_empty() {
        problems.push(Problem::new("full_name", "enter the person's name."));
    } else if full_name.chars().count() > MAX_NAME {
        problems.push(Problem::new(
            "full_name",
            format!("a name can be at most {MAX_NAME} characters."),
        ));
    }

    let kind = match form.kind.trim() {
        "" | "member" => PersonKind::Member,
        "police" => PersonKind::Police,
        other => {
            problems.push(Problem::new(
                "kind",
                format!("\"{other}\" is neither member nor police."),
            ));
            PersonKind::Member
        }
    };

    let email = form.email.trim().to_string();
    if !email.is_empty() && !looks_like_email(&email) {
        problems.push(Problem::new(
            "email",
            format!("\"{email}\" does not look like an email address (name@example.org)."),
        ));
    }

    let phone = tidy(&form.phone);
    if !phone.is_empty() && !looks_like_phone(&phone) {
        problems.push(Problem::new(
            "phone",
            format!("\"{phone}\" is not a phone number: use digits, spaces, + ( ) and -."),
        ));
    }

    let status = match form.status.trim() {
        "" => MemberStatus::Active,
        code => MemberStatus::from_code(code)
            .or_else(|| {
                MemberStatus::ALL
                    .iter()
                    .copied()
                    .find(|s| s.label().eq_ignore_ascii_case(code))
            })
            .unwrap_or_else(|| {
                problems.push(Problem::new(
                    "status",
                    format!(
                        "\"{code}\" is not a status; use one of: {}.",
                        codes(MemberStatus::ALL.iter().map(|s| s.code()))
                    ),
                ));
                MemberStatus::Active
            }),
    };

    let joined_on = match parse_date(&form.joined_on) {
        Ok(d) => d,
        Err(message) => {
            problems.push(Problem::new("joined_on", message));
            None
        }
    };
    if let Some(d) = joined_on {
        if d > today {
            problems.push(Problem::new(
                "joined_on",
                format!(
                    "{} is in the future; a joining date has already happened.",
                    crate::dates::long_date(d)
                ),
            ));
        }
    }

    let connection = match form.connection.trim() {
        "" => None,
        code => {
            let found = AreaConnection::from_code(code).or_else(|| {
                AreaConnection::ALL
                    .iter()
                    .copied()
                    .find(|c| c.label().eq_ignore_ascii_case(code))
            });
            if found.is_none() {
                problems.push(Problem::new(
                    "connection",
                    format!(
                        "\"{code}\" is not a connection to the area; use one of: {}.",
                        codes(AreaConnection::ALL.iter().map(|c| c.code()))
                    ),
                ));
            }
            found
        }
    };

    for (field, value) in [
        ("connection_place", &form.connection_place),
        ("skills", &form.skills),
        ("communities", &form.communities),
        ("notes", &form.notes),
        ("police_rank", &form.police_rank),
    ] {
        if value.chars().count() > MAX_TEXT {
            problems.push(Problem::new(
                field,
                format!("at most {MAX_TEXT} characters, please."),
            ));
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ValidPerson {
        full_name,
        kind,
        police_rank: tidy(&form.police_rank),
        email,
        phone,
        status,
        joined_on,
        connection,
        connection_place: tidy(&form.connection_place),
        skills: form.skills.trim().to_string(),
        communities: form.communities.trim().to_string(),
        notes: form.notes.trim().to_string(),
    })
}

/// Collapses runs of whitespace (a pasted name often carries doubles).
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn codes<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}

fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

fn looks_like_phone(s: &str) -> bool {
    s.chars().filter(char::is_ascii_digit).count() >= 6
        && s.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c))
}

/// Vetting as typed: a level code and two dates. Field names are those of
/// the form (`level`, `granted_on`, `expires_on`); callers rename for CSV.
pub fn check_vetting(
    level: &str,
    granted_on: &str,
    expires_on: &str,
    today: NaiveDate,
) -> Result<super::compliance::Vetting, Vec<Problem>> {
    let mut problems = Vec::new();
    let level_found = super::VettingLevel::from_code(level.trim()).or_else(|| {
        super::VettingLevel::ALL
            .iter()
            .copied()
            .find(|l| l.label().eq_ignore_ascii_case(level.trim()))
    });
    if level_found.is_none() {
        problems.push(Problem::new(
            "level",
            format!(
                "\"{}\" is not a vetting level; use one of: {}.",
                level.trim(),
                codes(super::VettingLevel::ALL.iter().map(|l| l.code()))
            ),
        ));
    }
    let mut date_of = |field: &str, text: &str| match parse_date(text) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.push(Problem::new(field, "enter a date."));
            None
        }
        Err(m) => {
            problems.push(Problem::new(field, m));
            None
        }
    };
    let granted = date_of("granted_on", granted_on);
    let expires = date_of("expires_on", expires_on);
    if let (Some(g), Some(e)) = (granted, expires) {
        if e <= g {
            problems.push(Problem::new(
                "expires_on",
                "vetting must expire after it was granted.",
            ));
        }
        if g > today {
            problems.push(Problem::new(
                "granted_on",
                "vetting cannot be granted in the future.",
            ));
        }
    }
    match (level_found, granted, expires) {
        (Some(level), Some(granted_on), Some(expires_on)) if problems.is_empty() => {
            Ok(super::compliance::Vetting {
                level,
                granted_on,
                expires_on,
            })
        }
        _ => Err(problems),
    }
}

/// How many members make a meeting quorate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Quorum {
    /// At least this many members present.
    Count { members: u32 },
    /// At least this fraction of the group's current members (rounded up).
    Fraction { numerator: u32, denominator: u32 },
}

impl Quorum {
    /// `5` or `1/3`, as a chair would type it.
    pub fn parse(text: &str) -> Result<Quorum, String> {
        let t = text.trim();
        let bad = || {
            format!("\"{t}\" is not a quorum; write a number of members (5) or a fraction of the members (1/3).")
        };
        if let Some((n, d)) = t.split_once('/') {
            let n: u32 = n.trim().parse().map_err(|_| bad())?;
            let d: u32 = d.trim().parse().map_err(|_| bad())?;
            if n == 0 || d == 0 || n > d {
                return Err(format!(
                    "\"{t}\": a fraction of the members must be between 1/{d} and all of them."
                ));
            }
            Ok(Quorum::Fraction {
                numerator: n,
                denominator: d,
            })
        } else {
            let n: u32 = t.parse().map_err(|_| bad())?;
            if n == 0 {
                return Err("a quorum of 0 would let an empty room decide; use at least 1.".into());
            }
            Ok(Quorum::Count { members: n })
        }
    }

    /// The stored form, which `parse` reads back.
    pub fn to_text(self) -> String {
        match self {
            Quorum::Count { members } => members.to_string(),
            Quorum::Fraction {
                numerator,
                denominator,
            } => format!("{numerator}/{denominator}"),
        }
    }

    /// Members needed to be quorate for a group of `members`.
    pub fn needed(self, members: u32) -> u32 {
        match self {
            Quorum::Count { members: n } => n,
            Quorum::Fraction {
                numerator,
                denominator,
            } => (members * numerator).div_ceil(denominator).max(1),
        }
    }

    /// "5 members" or "one third of members (4 of 12)".
    pub fn describe(self, members: u32) -> String {
        match self {
            Quorum::Count { members: n } => format!("{n} members"),
            Quorum::Fraction {
                numerator,
                denominator,
            } => format!(
                "{numerator}/{denominator} of members ({} of {members})",
                self.needed(members)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn form(name: &str) -> PersonForm {
        PersonForm {
            full_name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_name_alone_is_enough_and_defaults_are_sensible() {
        let p = check_person(&form("  Zofia   Wójcik "), today()).unwrap();
        assert_eq!(p.full_name, "Zofia Wójcik", "whitespace is tidied");
        assert_eq!(p.kind, PersonKind::Member);
        assert_eq!(p.status, MemberStatus::Active);
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_field() {
        let f = PersonForm {
            full_name: " ".into(),
            email: "not an email".into(),
            phone: "call me".into(),
            joined_on: "31/02/2026".into(),
            status: "retired".into(),
            ..Default::default()
        };
        let problems = check_person(&f, today()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["full_name", "email", "phone", "status", "joined_on"]
        );
        let date = &problems[4].message;
        assert!(date.contains("not a real date"), "{date}");
    }

    #[test]
    fn dates_are_read_the_ways_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(parse_date("2026-11-22"), Ok(Some(d)));
        assert_eq!(
            parse_date("22/11/2026"),
            Ok(Some(d)),
            "day first, as in the UK"
        );
        assert_eq!(parse_date("22 November 2026"), Ok(Some(d)));
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("11/22/2026")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_date("22/11/26").unwrap_err().contains("year in full"));
        assert!(parse_date("next week").unwrap_err().contains("not a date"));
    }

    #[test]
    fn a_joining_date_in_the_future_is_refused() {
        let mut f = form("Sam Taylor");
        f.joined_on = "2027-01-01".into();
        let p = check_person(&f, today()).unwrap_err();
        assert!(p[0].message.contains("in the future"));
    }

    #[test]
    fn search_text_folds_every_script_to_lower_case() {
        let mut f = form("ŁUKASZ Nowakowski");
        f.skills = "Youth Work".into();
        let p = check_person(&f, today()).unwrap();
        assert!(p.search_text().contains("łukasz"));
        assert!(p.search_text().contains("youth work"));
    }

    #[test]
    fn quorum_reads_a_count_or_a_fraction() {
        assert_eq!(Quorum::parse("5"), Ok(Quorum::Count { members: 5 }));
        let third = Quorum::parse(" 1/3 ").unwrap();
        assert_eq!(third.needed(12), 4);
        assert_eq!(
            third.needed(10),
            4,
            "rounded up: 3⅓ members is not a quorum"
        );
        assert_eq!(third.needed(0), 1, "never zero");
        assert_eq!(third.to_text(), "1/3");
        assert!(Quorum::parse("0").is_err());
        assert!(Quorum::parse("4/3").is_err());
        assert!(Quorum::parse("a third")
            .unwrap_err()
            .contains("not a quorum"));
    }
}
