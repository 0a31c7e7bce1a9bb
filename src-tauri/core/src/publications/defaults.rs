//! The default wording of the induction pack and the terms of reference,
//! written for this product in plain English. Every block can be edited per
//! group in the window; these are what a new group starts with.
//!
//! Text conventions the documents understand: a blank line starts a new
//! paragraph; a line "- …" is a bullet; in the glossary each line is
//! "Term: what it means".

pub const PROLOGUE: &str = "\
Welcome to the group. We are local people who give the police an independent view of how their decisions land in our communities. We meet regularly, we say what we think, and we keep confidences.

This pack explains how the group works, the words you will hear, and who to ask. Keep it, and ask the chair about anything that is not clear.";

pub const WHAT_IS_AN_IAG: &str = "\
An Independent Advisory Group (IAG) is a group of volunteers who advise the police. Members come from the communities the police serve, including people whose voices are not always heard. The police bring us plans, policies, operations and incidents, and we tell them how these are likely to be seen and felt by the people they affect.

Forces organise their groups in tiers. A strategic group looks at force-wide policy. Local groups cover an area and its communities. Subgroups look at one subject, such as stop and search or hate crime, and report to a parent group. When a critical incident happens, a small group may be brought together quickly to advise the officers in charge, and stood down afterwards.";

pub const INDEPENDENT_AND_ADVICE: &str = "\
Independent means that we are not part of the police and do not speak for them. Members are not paid, and no one is there to defend the police or to attack them. We bring our own experience and our links with our communities.

Advice means that we tell the police what we think and why; the decision stays with them. Our advice is the group's collective view, not one member's. Every piece of advice is recorded, and the police tell us what they did with it, including when they did not follow it and why. That response is published every quarter.";

pub const ROLES: &str = "\
- Chair: runs the meetings, agrees the agenda with the police lead, and speaks for the group. A strategic group is chaired by a member.
- Vice chair: stands in for the chair.
- Secretary: keeps the minutes, the action log and the advice register.
- Members: read the papers, come to meetings, share what their communities are saying, and give advice in their areas of knowledge.
- Nominees: two members of each local group sit on the strategic group and carry concerns both ways.
- Police lead and single point of contact (SPOC): an inspector or chief inspector who brings matters to the group and reports back on what the police did.";

pub const PERSON_SPECIFICATION: &str = "\
- You live, work or study in the area, or have another real connection to it.
- You are connected to one or more of its communities and can reflect their views.
- You can listen, weigh up what you hear, and disagree respectfully.
- You can keep confidential information to yourself.
- You can give a few hours a month, including some evenings.
- You agree to vetting at the level the group needs, and to sign the agreements below.
No qualifications are needed. The group welcomes people of every background.";

pub const NOLAN: &str = "\
- Selflessness: act in the public interest, not for your own gain.
- Integrity: do not put yourself under obligations that could influence you.
- Objectivity: decide on the merits, fairly and without prejudice.
- Accountability: be answerable for your decisions and actions.
- Openness: act in a transparent way; withhold information only for clear reasons.
- Honesty: be truthful.
- Leadership: show these principles in your own behaviour and challenge poor behaviour.";

pub const GLOSSARY: &str = "\
ASB: anti-social behaviour.
BCU: basic command unit, the police's division of a force into areas.
Body-worn video: cameras officers wear to record incidents.
Community impact assessment: the police's written view of how an operation or incident may affect communities.
Community trigger: a way for victims of repeated anti-social behaviour to ask for their case to be reviewed.
Critical incident: any incident where the effectiveness of the police response is likely to have a significant impact on the confidence of the victim, their family or the community.
Dispersal order: a power to direct people to leave an area for up to 48 hours.
Gold group: a group of senior officers and partners who set the strategy for a critical incident; an IAG may suggest that one is needed.
Hate crime: a crime the victim or anyone else sees as motivated by hostility to a protected characteristic.
IAG: Independent Advisory Group.
IOPC: the Independent Office for Police Conduct, which investigates serious complaints.
JEG: joint engagement group, a partnership group some forces use alongside IAGs.
LPA: local policing area.
Neighbourhood team: the officers and PCSOs who police a local area.
NPPV: non-police personnel vetting, the vetting levels for people who are not police staff.
OPFCC: Office of the Police, Fire and Crime Commissioner.
PACE: the Police and Criminal Evidence Act 1984, which governs stop and search, arrest and detention.
PCC: Police and Crime Commissioner, elected to hold the chief constable to account.
PCSO: police community support officer.
Section 60: a power allowing stop and search without suspicion in a set area for a limited time when serious violence is expected.
SPOC: single point of contact, the officer who looks after the group.
Stop and search: a power allowing officers to search a person for items such as drugs or weapons when they have reasonable grounds.
Sub judice: a matter before the courts, which must not be discussed in a way that could prejudice the case.
Tension monitoring: the police's tracking of community tensions so they can act early.
Use of force: any physical force used by officers, which must be recorded and justified.";

pub const HELP_EACH_OTHER: &str = "\
We can help you with:
- knowing how the group works before your first meeting;
- reading papers and understanding police language;
- travel costs and any support you need to take part;
- a named member to ask when you are unsure.

You can help us with:
- telling us what your communities are saying, especially when it is hard to hear;
- your knowledge and experience on the subjects we advise on;
- bringing in people and groups we do not yet reach;
- challenging us, and the police, when we get things wrong.";

pub const CONFIDENTIALITY: &str = "\
Some of what the police share with the group is confidential: information about a named person, a live investigation, a case before the courts, or intelligence about community tension. Such an item is marked on the agenda with a public title and the reason it is confidential.

Confidential items are recorded only in a confidential annex that goes to members. The public minutes say that the item was taken in private and why, and nothing more. The police lead may ask that a matter is not recorded at all; then the minutes say only that a confidential matter was discussed.

Never share confidential information outside the group, on social media or with the press, even after you leave. If you are not sure whether something is confidential, treat it as confidential and ask the chair.";

pub const AGREEMENT: &str = "\
I understand that, as a member of the group, I will receive information that is confidential, including information about individuals, investigations and community tensions.

I agree that I will:
- keep confidential information to myself, and not share it with anyone outside the group;
- not copy, forward or publish confidential papers or the confidential annex to the minutes;
- store any confidential papers safely, and return or destroy them when asked or when I leave;
- tell the chair at once if I think confidential information has been shared by mistake.

I understand that these duties continue after I leave the group, and that breaking them may end my membership.";

pub const TOR_PURPOSE: &str = "\
The group gives the police independent advice on how their policies, operations and decisions affect the communities of its area, so that policing is fair, trusted and effective. It helps the police understand community tension, scrutinises the use of police powers, and tells the police when confidence in them is at risk.";

pub const TOR_MEMBERSHIP: &str = "\
Membership is open to anyone who lives, works or studies in the area, or has another real connection to it, and who meets the person specification. New members are invited by the chair after a conversation with the chair and the police lead, and after vetting.

A member may leave at any time by telling the chair. A member who misses three meetings in a row without apologies may be asked whether they wish to continue. A member may be asked to leave by a simple majority of the members present at a meeting, with proxy votes counted and the chair having a casting vote.";

pub const TOR_CONFIDENTIALITY: &str = "\
Every member signs a confidentiality agreement before receiving confidential information. Confidential items are taken in private and recorded only in a confidential annex for members; the police lead may ask that a matter is not recorded at all. The public minutes show only the public title of a confidential item and the reason it is confidential.";
