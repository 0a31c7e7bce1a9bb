//! Vote arithmetic, as the seeds describe it: a simple majority, proxy
//! votes counted (a proxy only when its holder is in the room), and the
//! chair's casting vote on a tie.
//!
//! Two kinds of motion. An ordinary motion is carried when more vote for it
//! than against. A motion to remove a member needs a majority *of the
//! members present* (proxies counted): more than half of everyone entitled
//! to vote must vote for it, so abstaining counts against. In both, an
//! exact tie goes to the chair's casting vote; with none given, the motion
//! is not carried (the status quo stands).

use serde::{Deserialize, Serialize};

use crate::vocabulary::Choice;

/// One named vote. `proxy_holder_present` is None when the voter voted in
/// person, Some(present?) when the vote was cast by proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub voter: String,
    pub choice: Choice,
    pub proxy_holder: Option<(String, bool)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tally {
    /// Show of hands: the secretary counts (proxies already included).
    Counts {
        for_: u32,
        against: u32,
        abstain: u32,
    },
    Named(Vec<Ballot>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Ordinary,
    /// Removal of a member: a majority of the members present.
    Removal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
    /// Proxy votes that did not count, with why.
    pub discounted: Vec<String>,
    pub casting: Option<Choice>,
    /// True when the result needed the casting vote.
    pub decided_by_casting_vote: bool,
    pub carried: bool,
    /// "Carried on the chair's casting vote (4 for, 4 against, 1 abstention)."
    pub statement: String,
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Counts the votes and states the result.
pub fn decide(tally: &Tally, motion: Motion, casting: Option<Choice>) -> Outcome {
    let (mut for_, mut against, mut abstain) = (0, 0, 0);
    let mut discounted = Vec::new();
    match tally {
        Tally::Counts {
            for_: f,
            against: a,
            abstain: x,
        } => (for_, against, abstain) = (*f, *a, *x),
        Tally::Named(ballots) => {
            for b in ballots {
                if let Some((holder, false)) = &b.proxy_holder {
                    discounted.push(format!(
                        "{}'s proxy vote was not counted: {holder}, who held it, was not present.",
                        b.voter
                    ));
                    continue;
                }
                match b.choice {
                    Choice::For => for_ += 1,
                    Choice::Against => against += 1,
                    Choice::Abstain => abstain += 1,
                }
            }
        }
    }
    // A casting vote is only ever used on a tie; anything else is ignored.
    let tied = match motion {
        Motion::Ordinary => for_ == against,
        Motion::Removal => 2 * for_ == for_ + against + abstain,
    } && for_ + against + abstain > 0;
    let carried_on_votes = match motion {
        Motion::Ordinary => for_ > against,
        Motion::Removal => 2 * for_ > for_ + against + abstain,
    };
    let casting = if tied {
        casting.filter(|c| *c != Choice::Abstain)
    } else {
        None
    };
    let carried = carried_on_votes || casting == Some(Choice::For);
    let counts = format!(
        "{} for, {} against, {}",
        for_,
        against,
        plural(abstain, "abstention", "abstentions")
    );
    let statement = match (carried, tied, casting) {
        (true, true, Some(_)) => format!("Carried on the chair's casting vote ({counts})."),
        (false, true, Some(_)) => format!("Not carried, on the chair's casting vote ({counts})."),
        (false, true, None) => format!(
            "Not carried: the vote was tied ({counts}) and the chair did not use a casting vote."
        ),
        (true, _, _) => format!("Carried ({counts})."),
        (false, _, _) if for_ + against + abstain == 0 => "No votes recorded yet.".to_string(),
        (false, _, _) => match motion {
            Motion::Removal if for_ > against => format!(
                "Not carried: a removal needs a majority of the members present ({counts})."
            ),
            _ => format!("Not carried ({counts})."),
        },
    };
    Outcome {
        for_,
        against,
        abstain,
        discounted,
        casting,
        decided_by_casting_vote: tied && casting.is_some(),
        carried,
        statement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(f: u32, a: u32, x: u32) -> Tally {
        Tally::Counts {
            for_: f,
            against: a,
            abstain: x,
        }
    }

    fn named(voter: &str, choice: Choice, proxy: Option<(&str, bool)>) -> Ballot {
        Ballot {
            voter: voter.into(),
            choice,
            proxy_holder: proxy.map(|(h, p)| (h.into(), p)),
        }
    }

    #[test]
    fn a_simple_majority_of_votes_cast_carries_an_ordinary_motion() {
        let o = decide(&counts(5, 3, 2), Motion::Ordinary, None);
        assert!(o.carried);
        assert_eq!(o.statement, "Carried (5 for, 3 against, 2 abstentions).");
        let o = decide(&counts(3, 5, 0), Motion::Ordinary, Some(Choice::For));
        assert!(!o.carried, "a casting vote is for ties only");
        assert_eq!(o.casting, None);
    }

    #[test]
    fn a_tie_goes_to_the_chairs_casting_vote() {
        let o = decide(&counts(4, 4, 1), Motion::Ordinary, Some(Choice::For));
        assert!(o.carried && o.decided_by_casting_vote);
        assert_eq!(
            o.statement,
            "Carried on the chair's casting vote (4 for, 4 against, 1 abstention)."
        );
        let o = decide(&counts(4, 4, 0), Motion::Ordinary, Some(Choice::Against));
        assert!(!o.carried);
        assert_eq!(
            o.statement,
            "Not carried, on the chair's casting vote (4 for, 4 against, 0 abstentions)."
        );
        let o = decide(&counts(4, 4, 0), Motion::Ordinary, None);
        assert!(
            !o.carried,
            "without a casting vote a tie leaves things as they are"
        );
        assert!(o.statement.contains("did not use a casting vote"));
    }

    #[test]
    fn a_proxy_counts_only_when_its_holder_is_present() {
        let ballots = vec![
            named("Ama Mensah", Choice::For, None),
            named("Zofia Wójcik", Choice::For, Some(("Ama Mensah", true))),
            named("陈美玲", Choice::For, Some(("Tomás Ó Briain", false))),
            named("Tomás Ó Briain", Choice::Against, None),
        ];
        let o = decide(&Tally::Named(ballots), Motion::Ordinary, None);
        assert_eq!(
            (o.for_, o.against),
            (2, 1),
            "the absent holder's proxy is void"
        );
        assert_eq!(o.discounted.len(), 1);
        assert!(o.discounted[0].starts_with("陈美玲's proxy vote was not counted"));
        assert!(o.carried);
    }

    #[test]
    fn removal_needs_a_majority_of_the_members_present_so_abstaining_counts_against() {
        let o = decide(&counts(4, 2, 3), Motion::Removal, None);
        assert!(
            !o.carried,
            "4 of 9 present is not a majority of those present"
        );
        assert!(o
            .statement
            .starts_with("Not carried: a removal needs a majority"));
        assert!(decide(&counts(5, 2, 2), Motion::Removal, None).carried);
        let o = decide(&counts(4, 2, 2), Motion::Removal, Some(Choice::For));
        assert!(o.carried && o.decided_by_casting_vote, "4 of 8 is a tie");
    }

    #[test]
    fn nothing_counted_yet_is_said_plainly() {
        let o = decide(&counts(0, 0, 0), Motion::Ordinary, Some(Choice::For));
        assert!(!o.carried);
        assert_eq!(o.statement, "No votes recorded yet.");
    }
}
