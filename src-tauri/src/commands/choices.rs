//! Every closed list of the core, for the window's menus and labels.

use iag_desk_core::choices::{self, Choices};

/// Codes, labels and order of every list, as the core defines them; the
/// page keeps none of its own.
#[tauri::command]
pub fn choices_all() -> Choices {
    choices::every_list()
}

#[cfg(test)]
mod tests {
    use iag_desk_core::confidentiality::Confidentiality;
    use iag_desk_core::vocabulary::*;

    /// The lists the page receives are the Rust enums, in order, code and
    /// label alike: a kind added in Rust reaches every screen.
    #[test]
    fn the_page_gets_every_list_as_the_core_defines_it() {
        let sent = serde_json::to_value(super::choices_all()).unwrap();
        macro_rules! same {
            ($key:literal, $t:ty) => {
                let expected: Vec<(String, String)> = <$t>::ALL
                    .iter()
                    .map(|x| (x.code().to_owned(), x.label().to_owned()))
                    .collect();
                let got: Vec<(String, String)> = serde_json::from_value(sent[$key].clone())
                    .unwrap_or_else(|e| panic!("{} is a list of pairs: {e}", $key));
                assert_eq!(got, expected, "{} must be {}", $key, stringify!($t));
            };
        }
        same!("tiers", Tier);
        same!("group_statuses", GroupStatus);
        same!("person_kinds", PersonKind);
        same!("statuses", MemberStatus);
        same!("roles", Role);
        same!("connections", AreaConnection);
        same!("vetting_levels", VettingLevel);
        same!("agreements", AgreementKind);
        same!("presences", Presence);
        same!("capacities", Capacity);
        same!("attendance_modes", AttendanceMode);
        same!("public_attendances", PublicAttendance);
        same!("markings", Marking);
        same!("confidentiality", Confidentiality);
        same!("exemption_reasons", ExemptionReason);
        same!("item_kinds", ItemKind);
        same!("meeting_kinds", MeetingKind);
        same!("meeting_statuses", MeetingStatus);
        same!("incident_statuses", IncidentStatus);
        same!("audit_actions", AuditAction);
        same!("entry_kinds", EntryKind);
        same!("action_statuses", ActionStatus);
        same!("advice_responses", AdviceResponse);
        same!("vote_choices", Choice);
        let prompts = sent["entry_prompts"].as_array().unwrap();
        assert_eq!(
            prompts.len(),
            EntryKind::ALL.len(),
            "every entry kind has its prompt"
        );
    }

    /// The page's scripts hold no list the core defines: no pair of a
    /// core code and its label written out in JavaScript.
    #[test]
    fn the_page_hard_codes_no_list_the_core_defines() {
        let sent = serde_json::to_value(super::choices_all()).unwrap();
        let mut pairs = Vec::new();
        for (_, list) in sent.as_object().unwrap() {
            for pair in list.as_array().unwrap() {
                if let (Some(code), Some(label)) = (pair[0].as_str(), pair[1].as_str()) {
                    pairs.push((code.to_owned(), label.to_owned()));
                }
            }
        }
        let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js");
        let mut files = vec![];
        for entry in std::fs::read_dir(&ui).unwrap() {
            files.push(entry.unwrap().path());
        }
        for entry in std::fs::read_dir(ui.join("views")).unwrap() {
            files.push(entry.unwrap().path());
        }
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "js"))
        {
            let text = std::fs::read_to_string(file).unwrap();
            for (code, label) in &pairs {
                for quote in ['\'', '"'] {
                    let written = format!("[{quote}{code}{quote}, {quote}{label}{quote}");
                    assert!(
                        !text.contains(&written),
                        "{} writes out the core's ({code}, {label}); take it from choices.js",
                        file.display()
                    );
                }
            }
        }
    }
}
