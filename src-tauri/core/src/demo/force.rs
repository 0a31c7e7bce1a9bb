//! The data of the demo force. Every name is invented; the shapes (tiers,
//! two nominees per local group, subgroups with a community chair, vice chair
//! and police single point of contact, a stood-down critical group) follow
//! the seed forces. Names come from the communities a UK force serves, in
//! their own scripts.

use crate::vocabulary::{AreaConnection, MemberStatus, Role, Tier};
use chrono::Weekday;

pub(super) struct DemoGroup {
    pub key: &'static str,
    pub name: &'static str,
    pub tier: Tier,
    pub parent: Option<&'static str>,
    pub area: &'static str,
    pub cadence_months: u32,
    pub venue: &'static str,
    pub weekday: Weekday,
    pub hour: u32,
    pub minute: u32,
    pub duration_minutes: u32,
    /// Its next meeting is the first on its weekday at least this many days
    /// after the day the demo is loaded. The ranges these give (a lead to a
    /// lead plus six days) do not overlap, so the force's next meetings
    /// always come in the same order on different days, Marlow Fen's and
    /// Brackenford's the two soonest.
    pub lead_days: u32,
    /// Stood down about this many months before the demo is loaded; its
    /// meetings were the month before.
    pub stood_down_months_ago: Option<u32>,
    /// Has not met for more than this many months and has nothing planned,
    /// so the dashboard has an overdue group to show.
    pub lapsed_months: Option<u32>,
}

const fn group(
    key: &'static str,
    name: &'static str,
    tier: Tier,
    parent: Option<&'static str>,
    area: &'static str,
    venue: &'static str,
    (weekday, hour, minute, lead_days): (Weekday, u32, u32, u32),
) -> DemoGroup {
    DemoGroup {
        key,
        name,
        tier,
        parent,
        area,
        cadence_months: 3,
        venue,
        weekday,
        hour,
        minute,
        duration_minutes: 120,
        lead_days,
        stood_down_months_ago: None,
        lapsed_months: None,
    }
}

pub(super) const GROUPS: &[DemoGroup] = &[
    DemoGroup {
        cadence_months: 6,
        duration_minutes: 180,
        ..group(
            "strategic",
            "Fenwold Strategic IAG",
            Tier::Strategic,
            None,
            "Force-wide strategy and policy for Fenwold Police",
            "Fenwold Police Headquarters, Conference Room 1, Castle Road, Brackenford",
            (Weekday::Thu, 10, 0, 40),
        )
    },
    group(
        "marlow",
        "Marlow Fen Local IAG",
        Tier::Local,
        Some("strategic"),
        "Marlow Fen town and the northern fen villages",
        "Marlow Fen Community Centre, Mill Lane",
        (Weekday::Tue, 18, 30, 3),
    ),
    group(
        "brackenford",
        "Brackenford Local IAG",
        Tier::Local,
        Some("strategic"),
        "Brackenford city centre and its estates",
        "Brackenford Central Library, Meeting Room 2",
        (Weekday::Wed, 18, 30, 11),
    ),
    group(
        "eastwick",
        "Eastwick & Saltmarsh Local IAG",
        Tier::Local,
        Some("strategic"),
        "Eastwick, Saltmarsh and the coast",
        "Eastwick Fire Station Community Room",
        (Weekday::Tue, 19, 0, 33),
    ),
    group(
        "wynford",
        "Wynford & Upper Dale Local IAG",
        Tier::Local,
        Some("strategic"),
        "Wynford and the rural Upper Dale parishes",
        "Wynford Methodist Hall, Church Street",
        (Weekday::Thu, 18, 30, 54),
    ),
    group(
        "race-faith",
        "Race and Faith Subgroup",
        Tier::Subgroup,
        Some("strategic"),
        "Black, Asian and minority ethnic communities and faith groups",
        "Online (link sent by the police single point of contact)",
        (Weekday::Mon, 19, 0, 19),
    ),
    group(
        "lgbt",
        "LGBT+ Subgroup",
        Tier::Subgroup,
        Some("strategic"),
        "Lesbian, gay, bisexual, trans and queer communities",
        "Brackenford Pride Centre, Upper Room",
        (Weekday::Wed, 19, 0, 47),
    ),
    group(
        "disability",
        "Disability Subgroup",
        Tier::Subgroup,
        Some("strategic"),
        "Disabled people and carers; accessible policing",
        "Fenwold Deaf Centre (step-free, hearing loop, BSL interpreter booked)",
        (Weekday::Tue, 14, 0, 26),
    ),
    DemoGroup {
        lapsed_months: Some(5),
        ..group(
            "young-people",
            "Young People's Subgroup",
            Tier::Subgroup,
            Some("strategic"),
            "Young people aged 16 to 25",
            "Eastwick Youth Hub",
            (Weekday::Thu, 17, 0, 0),
        )
    },
    group(
        "stop-search",
        "Stop and Search Scrutiny Subgroup",
        Tier::Subgroup,
        Some("strategic"),
        "Scrutiny of stop and search and use of force, including body-worn video review",
        "Fenwold Police Headquarters, Scrutiny Suite",
        (Weekday::Mon, 18, 0, 61),
    ),
    group(
        "grt",
        "Gypsy, Roma and Traveller Subgroup",
        Tier::Subgroup,
        Some("strategic"),
        "Gypsy, Roma and Traveller communities, including roadside and site residents",
        "Wynford Methodist Hall, Church Street",
        (Weekday::Fri, 11, 0, 68),
    ),
    DemoGroup {
        stood_down_months_ago: Some(4),
        duration_minutes: 90,
        ..group(
            "critical-kingsmead",
            "Critical Group: Kingsmead Park incident",
            Tier::Critical,
            Some("strategic"),
            "Convened after the Kingsmead Park incident in Brackenford; stood down once community confidence recovered",
            "Brackenford Police Station, Room 4 (and online)",
            (Weekday::Mon, 19, 30, 0),
        )
    },
];

pub(super) struct DemoMember {
    pub name: &'static str,
    /// Also the person's stable demo reference.
    pub email: &'static str,
    pub joined_months_ago: u32,
    pub status: MemberStatus,
}

const fn member(name: &'static str, email: &'static str, joined_months_ago: u32) -> DemoMember {
    DemoMember {
        name,
        email,
        joined_months_ago,
        status: MemberStatus::Active,
    }
}

pub(super) const MEMBERS: &[DemoMember] = &[
    // Marlow Fen (0–8)
    member("Siobhán Ní Bhriain", "siobhan.nibhriain", 70),
    member("Zofia Wójcik", "zofia.wojcik", 40),
    member("Margaret Ellison", "margaret.ellison", 96),
    member("فاطمة الزهراء حسن", "fatima.hassan", 30),
    member("Desmond Clarke", "desmond.clarke", 55),
    member("ਹਰਪ੍ਰੀਤ ਕੌਰ", "harpreet.kaur", 26),
    member("Łukasz Nowakowski", "lukasz.nowakowski", 18),
    member("Gwen Roberts", "gwen.roberts", 62),
    DemoMember {
        status: MemberStatus::OnLeave,
        ..member("Tom Brennan", "tom.brennan", 45)
    },
    // Brackenford (9–17)
    member("عمران قریشی", "imran.qureshi", 84),
    member("Chiamaka Eze", "chiamaka.eze", 50),
    member("রাজিয়া বেগম", "razia.begum", 38),
    member("Adébáyọ̀ Ògúnlẹ́sì", "adebayo.ogunlesi", 60),
    member("陈美玲", "meiling.chen", 22),
    member("Ayşe Yılmaz", "ayse.yilmaz", 34),
    member("Yusuf Abdi", "yusuf.abdi", 28),
    member("Patience Mensah", "patience.mensah", 75),
    DemoMember {
        status: MemberStatus::Left,
        ..member("Kamil Dąbrowski", "kamil.dabrowski", 48)
    },
    // Eastwick & Saltmarsh (18–26)
    member("प्रिया शर्मा", "priya.sharma", 44),
    member("Rhodri ap Gwyn", "rhodri.apgwyn", 90),
    member("Nguyễn Thị Hương", "huong.nguyen", 20),
    member("Ελένη Παπαδοπούλου", "eleni.papadopoulou", 36),
    member("Aoife Gallagher", "aoife.gallagher", 52),
    member("Олена Коваленко", "olena.kovalenko", 15),
    member("Ștefan Popescu", "stefan.popescu", 27),
    member("தமிழ்செல்வி முருகன்", "tamilselvi.murugan", 41),
    member("Callum Reid", "callum.reid", 64),
    // Wynford & Upper Dale (27–35)
    member("Małgorzata Kaczmarek", "malgorzata.kaczmarek", 58),
    member("ਗੁਰਦੀਪ ਸਿੰਘ ਗਿੱਲ", "gurdeep.gill", 80),
    member("Jiří Dvořák", "jiri.dvorak", 24),
    member("ભાવના પટેલ", "bhavna.patel", 33),
    member("محمد علی خان", "mohammad.ali.khan", 47),
    member("Eilidh MacDonald", "eilidh.macdonald", 66),
    member("আনোয়ার হোসেন", "anwar.hossain", 29),
    member("王建国", "jianguo.wang", 39),
    member("Bartosz Wiśniewski", "bartosz.wisniewski", 16),
    // Subgroups (36–59)
    member("Dr Amara Okonkwo-Reid", "amara.okonkwo-reid", 110),
    member("نور الرشيد", "noor.alrashid", 32),
    member("Esther Goldberg", "esther.goldberg", 72),
    member("राजेश कुमार पटेल", "rajesh.patel", 54),
    member("Parveen Akhtar", "parveen.akhtar", 100),
    member("Sam Taylor", "sam.taylor", 30),
    member("Jordan Ellis-Moore", "jordan.ellis-moore", 26),
    member("Leon Fairweather", "leon.fairweather", 35),
    member("Ruth Abernethy", "ruth.abernethy", 68),
    member("Dafydd Hughes", "dafydd.hughes", 44),
    member("Grace Nwosu", "grace.nwosu", 23),
    member("Mehmet Demir", "mehmet.demir", 49),
    member("Ife Adeyemi", "ife.adeyemi", 14),
    member("李晓明", "xiaoming.li", 19),
    member("Hamza Siddiqui", "hamza.siddiqui", 21),
    member("Beata Zając", "beata.zajac", 17),
    member("Tariq Mahmood", "tariq.mahmood", 77),
    member("Joanna Lewandowska", "joanna.lewandowska", 42),
    member("Marek Kowalczyk", "marek.kowalczyk", 37),
    member("Ahmed Farouk", "ahmed.farouk", 31),
    member("Kezia Lee", "kezia.lee", 60),
    member("Lavinia Boswell", "lavinia.boswell", 46),
    member("सुनीता देवी", "sunita.devi", 25),
    member("Tyrone Baptiste", "tyrone.baptiste", 29),
    // Applicants awaiting vetting (60–61)
    DemoMember {
        status: MemberStatus::Applicant,
        ..member("Zainab Hussain", "zainab.hussain", 1)
    },
    DemoMember {
        status: MemberStatus::Applicant,
        ..member("Kacper Wróbel", "kacper.wrobel", 2)
    },
];

pub(super) struct DemoPolice {
    pub name: &'static str,
    pub rank: &'static str,
    pub email: &'static str,
}

pub(super) const POLICE: &[DemoPolice] = &[
    DemoPolice {
        name: "Helen Marsh",
        rank: "Chief Superintendent, Head of Local Policing",
        email: "helen.marsh",
    },
    DemoPolice {
        name: "Gareth Lloyd",
        rank: "Inspector",
        email: "gareth.lloyd",
    },
    DemoPolice {
        name: "Amrit Sandhu",
        rank: "Inspector",
        email: "amrit.sandhu",
    },
    DemoPolice {
        name: "Claire O'Donnell",
        rank: "Inspector",
        email: "claire.odonnell",
    },
    DemoPolice {
        name: "Tomasz Zieliński",
        rank: "Inspector",
        email: "tomasz.zielinski",
    },
    DemoPolice {
        name: "Rachel Okafor",
        rank: "Chief Inspector",
        email: "rachel.okafor",
    },
    DemoPolice {
        name: "David Chen",
        rank: "Chief Inspector",
        email: "david.chen",
    },
    DemoPolice {
        name: "Sarah Whitfield",
        rank: "Inspector",
        email: "sarah.whitfield",
    },
    DemoPolice {
        name: "Kwame Boateng",
        rank: "Inspector",
        email: "kwame.boateng",
    },
    DemoPolice {
        name: "Fiona MacLeod",
        rank: "Chief Inspector",
        email: "fiona.macleod",
    },
    DemoPolice {
        name: "Liam Price",
        rank: "Inspector",
        email: "liam.price",
    },
];

pub(super) struct DemoRole {
    pub group: &'static str,
    pub person: &'static str,
    pub role: Role,
    pub started_months_ago: u32,
    pub ended_months_ago: Option<u32>,
    /// For a nominee: the local group they represent. Read by the tests that
    /// check the two-nominees rule; the roster records it from issue 3 on.
    #[cfg_attr(not(test), allow(dead_code))]
    pub from_group: Option<&'static str>,
}

fn role(group: &'static str, person: &'static str, role: Role, started: u32) -> DemoRole {
    DemoRole {
        group,
        person,
        role,
        started_months_ago: started,
        ended_months_ago: None,
        from_group: None,
    }
}

/// Who holds which role where. Built in code so the shapes (every local group
/// chaired, two nominees each, a chair handed over last year) read as rules.
pub(super) fn roles() -> Vec<DemoRole> {
    let mut out = Vec::new();
    let email = |i: usize| MEMBERS[i].email;
    let locals = [
        ("marlow", 0, "gareth.lloyd"),
        ("brackenford", 9, "amrit.sandhu"),
        ("eastwick", 18, "claire.odonnell"),
        ("wynford", 27, "tomasz.zielinski"),
    ];
    for (group, first, inspector) in locals {
        out.push(role(group, email(first), Role::Chair, 20));
        out.push(role(group, email(first + 1), Role::ViceChair, 20));
        out.push(role(group, email(first + 2), Role::Secretary, 30));
        for m in &MEMBERS[first + 3..first + 9] {
            out.push(role(group, m.email, Role::Member, m.joined_months_ago));
        }
        out.push(role(group, inspector, Role::PoliceSpoc, 24));
        // Northamptonshire's rule, as the seeds describe: the local chair and
        // one other sit on the strategic group.
        for nominee in [first, first + 1] {
            out.push(DemoRole {
                from_group: Some(group),
                ..role("strategic", email(nominee), Role::Nominee, 20)
            });
        }
    }
    // Marlow Fen's chair changed hands 20 months ago: the history keeps the
    // earlier chair, who stayed on as an ordinary member.
    out.push(DemoRole {
        ended_months_ago: Some(20),
        ..role("marlow", email(2), Role::Chair, 60)
    });
    // Kamil left Brackenford eight months ago.
    for r in out.iter_mut().filter(|r| r.person == email(17)) {
        r.ended_months_ago = Some(8);
    }

    out.push(role("strategic", email(36), Role::Chair, 36));
    out.push(role("strategic", email(40), Role::ViceChair, 36));
    out.push(role("strategic", email(44), Role::Secretary, 30));
    out.push(role("strategic", "helen.marsh", Role::PoliceLead, 30));

    let subgroups = [
        ("race-faith", 36, "rachel.okafor"),
        ("lgbt", 40, "david.chen"),
        ("disability", 44, "sarah.whitfield"),
        ("young-people", 48, "kwame.boateng"),
        ("stop-search", 52, "fiona.macleod"),
        ("grt", 56, "liam.price"),
    ];
    for (n, (group, first, spoc)) in subgroups.into_iter().enumerate() {
        out.push(role(group, email(first), Role::Chair, 24));
        out.push(role(group, email(first + 1), Role::ViceChair, 24));
        out.push(role(group, email(first + 2), Role::Member, 18));
        out.push(role(group, email(first + 3), Role::Member, 12));
        // Local members who also sit on a themed subgroup.
        out.push(role(group, email(3 + n * 5), Role::Member, 10));
        out.push(role(group, spoc, Role::PoliceSpoc, 24));
    }

    for person in [email(36), email(9), email(11), email(45), email(52)] {
        out.push(role("critical-kingsmead", person, Role::Member, 5));
    }
    out.push(role("critical-kingsmead", email(12), Role::Chair, 5));
    out.push(role(
        "critical-kingsmead",
        "amrit.sandhu",
        Role::PoliceLead,
        5,
    ));
    out
}

/// A member's connection to the area, skills and community links.
pub(super) struct MemberDetails {
    pub connection: AreaConnection,
    pub place: &'static str,
    pub skills: &'static str,
    pub communities: &'static str,
}

const SKILLS: &[&str] = &[
    "Youth work; mentoring",
    "Mental health nursing",
    "Law (criminal defence solicitor)",
    "Community organising",
    "Faith leadership",
    "Teaching; safeguarding",
    "Domestic abuse support",
    "Interpreting: Punjabi, Urdu",
    "Small business and retail",
    "Housing advice",
    "Disability advocacy; British Sign Language",
    "Social work",
    "Local journalism",
    "Sports coaching",
    "Victim support",
    "Restorative justice",
    "Stop and search scrutiny",
];

const COMMUNITIES: &[&str] = &[
    "Polish community",
    "Sikh gurdwara committee",
    "Mosque committee",
    "Bangladeshi community association",
    "Chinese community centre",
    "LGBT+ network",
    "Deaf community",
    "Students' union",
    "Gypsy and Traveller sites",
    "Caribbean elders",
    "Tenants' association",
    "Ukrainian families",
    "Somali women's group",
    "Rural parishes",
    "Hindu temple",
    "Romanian community",
    "Vietnamese community",
    "Tamil community",
    "Greek Orthodox church",
];

/// Spread deterministically over the members, so every list and filter has
/// something to show.
pub(super) fn details(i: usize) -> MemberDetails {
    const PLACES: [&str; 4] = ["Marlow Fen", "Brackenford", "Eastwick", "Wynford"];
    let place = if i < 36 { PLACES[i / 9] } else { PLACES[i % 4] };
    let connection = match i % 7 {
        0..=3 => AreaConnection::Lives,
        4 | 5 => AreaConnection::Works,
        _ if i.is_multiple_of(2) => AreaConnection::Studies,
        _ => AreaConnection::Other,
    };
    MemberDetails {
        connection,
        place,
        skills: SKILLS[(i * 7) % SKILLS.len()],
        communities: COMMUNITIES[(i * 5) % COMMUNITIES.len()],
    }
}
