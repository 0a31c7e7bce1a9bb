//! The closed lists of the domain, shared by the areas and by storage:
//! each value stored as stable snake_case text, with the words a chair
//! reads. One list per enum, so the vault, JSON, the window and paper
//! agree. Behaviour that belongs to an area (which roles are police
//! roles, say) stays with that area in an `impl` of its own.

use serde::Serialize;

/// Declares a closed set of values stored as stable snake_case text, with the
/// label a person reads. One list per enum, so storage, JSON and screens agree.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The text stored in the vault.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            /// The words a chair reads on screen and on paper.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// How a force organises its advisory groups.
    Tier {
        Strategic => ("strategic", "Strategic IAG"),
        Local => ("local", "Local IAG"),
        Subgroup => ("subgroup", "Subgroup"),
        Critical => ("critical", "Critical / ad-hoc group"),
    }
);

vocabulary!(
    GroupStatus {
        Active => ("active", "Active"),
        StoodDown => ("stood_down", "Stood down"),
    }
);

vocabulary!(
    /// Police contacts sit on the roster but are never members.
    PersonKind {
        Member => ("member", "Member"),
        Police => ("police", "Police contact"),
    }
);

vocabulary!(
    MemberStatus {
        Applicant => ("applicant", "Applicant"),
        Active => ("active", "Active"),
        OnLeave => ("on_leave", "On leave"),
        Left => ("left", "Left"),
        Removed => ("removed", "Removed"),
    }
);

vocabulary!(
    /// A role held in one group. The police roles are held by police
    /// contacts; every other role by members.
    Role {
        Chair => ("chair", "Chair"),
        ViceChair => ("vice_chair", "Vice chair"),
        Secretary => ("secretary", "Secretary"),
        Member => ("member", "Member"),
        Nominee => ("nominee", "Nominee to the strategic group"),
        PoliceLead => ("police_lead", "Police lead"),
        PoliceSpoc => ("police_spoc", "Police single point of contact"),
    }
);

vocabulary!(
    /// How a member is connected to the area the group covers.
    AreaConnection {
        Lives => ("lives", "Lives there"),
        Works => ("works", "Works there"),
        Studies => ("studies", "Studies there"),
        Other => ("other", "Other substantial connection"),
    }
);

vocabulary!(
    /// Vetting level only; the content of any vetting is never held.
    VettingLevel {
        Basic => ("basic", "Basic check"),
        Nppv1 => ("nppv1", "NPPV 1"),
        Nppv2 => ("nppv2", "NPPV 2"),
        Nppv3 => ("nppv3", "NPPV 3"),
    }
);

vocabulary!(
    AgreementKind {
        Confidentiality => ("confidentiality", "Confidentiality agreement"),
        InformationSharing => ("information_sharing", "Information-sharing agreement"),
        CodeOfConduct => ("code_of_conduct", "Code of conduct"),
        OfficialSecrets => ("official_secrets", "Official Secrets Act"),
    }
);

vocabulary!(
    Presence {
        Expected => ("expected", "Expected"),
        Present => ("present", "Present"),
        Apologies => ("apologies", "Apologies"),
        Absent => ("absent", "Absent"),
    }
);

vocabulary!(
    /// How someone is on a register. The secretariat is there to support
    /// the meeting and is never counted for the quorum.
    Capacity {
        Member => ("member", "Member"),
        InAttendance => ("in_attendance", "In attendance"),
        Secretariat => ("secretariat", "Secretariat"),
    }
);

vocabulary!(
    /// Government Security Classifications marking, printed on every page
    /// of a document; a group chooses the one its draft minutes carry.
    Marking {
        Official => ("official", "OFFICIAL"),
        OfficialSensitive => ("official_sensitive", "OFFICIAL-SENSITIVE"),
    }
);

vocabulary!(
    /// What the public minutes say of the members there.
    PublicAttendance {
        Names => ("names", "Their names"),
        Counts => ("counts", "Only how many"),
    }
);

vocabulary!(
    AttendanceMode {
        InPerson => ("in_person", "In person"),
        Remote => ("remote", "Remote"),
    }
);

vocabulary!(
    /// Why an item is not open, modelled on Schedule 12A of the Local
    /// Government Act 1972 ("exempt information").
    ExemptionReason {
        AboutAnIndividual => ("about_an_individual", "Information about an individual"),
        CouldIdentify => ("could_identify", "Information that could identify someone"),
        LiveInvestigation => ("live_investigation", "A live investigation or prosecution"),
        SubJudice => ("sub_judice", "Sub judice"),
        CommunityTension => ("community_tension", "Community-tension intelligence"),
        GoldGroup => ("gold_group", "Shared in confidence by a Gold group"),
        OperationalSecurity => ("operational_security", "Operational security"),
        Other => ("other", "Other reason"),
    }
);

vocabulary!(
    /// What an item is for, where the app adds something to it: open
    /// actions of earlier meetings are listed under the action log, and
    /// escalations from subgroups arrive under subgroup reports.
    ItemKind {
        General => ("general", "General"),
        ActionLog => ("action_log", "Action log"),
        SubgroupReports => ("subgroup_reports", "Subgroup reports"),
    }
);

vocabulary!(
    MeetingKind {
        Scheduled => ("scheduled", "Scheduled"),
        Extraordinary => ("extraordinary", "Extraordinary"),
        CriticalIncident => ("critical_incident", "Critical incident"),
    }
);

vocabulary!(
    MeetingStatus {
        Planned => ("planned", "Planned"),
        AgendaAgreed => ("agenda_agreed", "Agenda agreed"),
        Held => ("held", "Held"),
        MinutesDraft => ("minutes_draft", "Minutes in draft"),
        MinutesApproved => ("minutes_approved", "Minutes approved"),
    }
);

vocabulary!(
    IncidentStatus {
        Open => ("open", "Open"),
        Monitoring => ("monitoring", "Monitoring"),
        Closed => ("closed", "Closed"),
    }
);

vocabulary!(
    AuditAction {
        MinutesApproved => ("minutes_approved", "Minutes approved"),
        MinutesAmended => ("minutes_amended", "Minutes amended"),
        AgendaAgreed => ("agenda_agreed", "Agenda agreed"),
        VoteDeclared => ("vote_declared", "Vote declared"),
        StatusChanged => ("status_changed", "Member's status changed"),
        ConfidentialExport => ("confidential_export", "Confidential document exported"),
        Erasure => ("erasure", "Personal data erased"),
        SubjectAccess => ("subject_access", "Subject access copy made"),
        Backup => ("backup", "Backup taken"),
        Restore => ("restore", "Vault restored from a backup"),
        PassphraseChanged => ("passphrase_changed", "Passphrase changed"),
    }
);

vocabulary!(
    /// What an entry under an agenda item records.
    EntryKind {
        Note => ("note", "Note"),
        Decision => ("decision", "Decision"),
        Advice => ("advice", "Advice"),
        Action => ("action", "Action"),
        Vote => ("vote", "Vote"),
        Declaration => ("declaration", "Declaration of interest"),
    }
);

vocabulary!(
    ActionStatus {
        Open => ("open", "Open"),
        Done => ("done", "Done"),
        Dropped => ("dropped", "Dropped"),
    }
);

vocabulary!(
    /// What the police did with the group's advice.
    AdviceResponse {
        Awaiting => ("awaiting", "Awaiting a response"),
        Accepted => ("accepted", "Accepted"),
        PartlyAccepted => ("partly_accepted", "Partly accepted"),
        NotFollowed => ("not_followed", "Not followed"),
    }
);

vocabulary!(
    /// How a member voted: one ballot of a named vote.
    Choice {
        For => ("for", "For"),
        Against => ("against", "Against"),
        Abstain => ("abstain", "Abstained"),
    }
);
