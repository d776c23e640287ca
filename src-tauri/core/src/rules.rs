//! The council's rules for the quorum (定足数) and a show of hands (採決), as pure functions: who is
//! present, who may vote, and what a count decides. The chair relies on these numbers; they are
//! computed here and nowhere else.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{AttendanceStatus, ChairVotes, MajorityBasis, QuorumRule, ResultWords, Role, VoteResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub membership: i64,
    pub quorum_rule: QuorumRule,
    pub quorum_fixed: Option<i64>,
    pub chair_votes: ChairVotes,
    pub majority_basis: MajorityBasis,
    pub online_counts: bool,
    pub result_words: ResultWords,
}

/// What was counted. The chair's casting vote is given only when a tie asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub for_count: i64,
    pub against_count: i64,
    pub abstain_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub result: VoteResult,
    pub result_text: String,
    pub tie: bool,
}

impl Rules {
    pub fn of(council: &crate::model::Council) -> Rules {
        Rules {
            membership: council.membership,
            quorum_rule: council.quorum_rule,
            quorum_fixed: council.quorum_fixed,
            chair_votes: council.chair_votes,
            majority_basis: council.majority_basis,
            online_counts: council.online_counts,
            result_words: council.result_words,
        }
    }

    pub fn quorum(&self) -> i64 {
        self.quorum_rule.quorum(self.membership, self.quorum_fixed)
    }

    fn counts(&self, status: AttendanceStatus) -> bool {
        match status {
            AttendanceStatus::Present => true,
            AttendanceStatus::Online => self.online_counts,
            AttendanceStatus::Absent | AttendanceStatus::Left => false,
        }
    }

    /// Members present under these rules (online ones only if the council counts them).
    pub fn present<'a>(&self, attendance: impl IntoIterator<Item = (Role, AttendanceStatus)> + 'a) -> i64 {
        attendance.into_iter().filter(|(_, s)| self.counts(*s)).count() as i64
    }

    /// Members who raise a hand: those present, less the chair unless the chair always votes.
    pub fn eligible(&self, attendance: impl IntoIterator<Item = (Role, AttendanceStatus)>) -> i64 {
        attendance
            .into_iter()
            .filter(|(role, s)| self.counts(*s) && (*role != Role::Chair || self.chair_votes == ChairVotes::Always))
            .count() as i64
    }

    /// What a count decides. Refuses, with what to do, any count that cannot be right; never
    /// guesses a number.
    pub fn decide(&self, tally: Tally, present: i64, eligible: i64, chair_cast: Option<bool>) -> Result<Decision> {
        let Tally { for_count, against_count, abstain_count } = tally;
        if for_count < 0 || against_count < 0 || abstain_count < 0 {
            return Err(Error::invalid("vote.for", "賛成・反対・棄権は0以上の数で入力してください。"));
        }
        if present < self.quorum() {
            return Err(Error::invalid(
                "vote.quorum",
                format!(
                    "出席{present}名で定足数（{}名）に達していないため採決できません。不成立として記録するときは、その理由を入力してください。",
                    self.quorum()
                ),
            ));
        }
        // Every member who may vote is counted once: for, against or abstaining. A total that
        // differs from those voting is a miscount, never a result.
        let total = for_count + against_count + abstain_count;
        if total != eligible {
            let how = if total > eligible { "を超えています" } else { "に足りません" };
            return Err(Error::invalid(
                "vote.for",
                format!("賛成・反対・棄権の合計（{total}）が採決に加わる委員（{eligible}名）{how}。賛成＋反対＋棄権が{eligible}になるよう数え直してください。"),
            ));
        }
        let (base, tie) = match self.majority_basis {
            MajorityBasis::PresentAndVoting => (for_count + against_count, for_count == against_count),
            MajorityBasis::Present => (eligible, for_count * 2 == eligible),
        };
        let approved = if tie && base > 0 && self.chair_votes == ChairVotes::TieOnly {
            match chair_cast {
                Some(cast) => cast,
                None => {
                    return Err(Error::invalid(
                        "vote.chair_cast",
                        "可否同数です。会長の決するところにより、賛成か反対かを選んでください。",
                    ))
                }
            }
        } else {
            for_count * 2 > base
        };
        let (yes, no) = self.result_words.words();
        Ok(Decision {
            result: if approved { VoteResult::Approved } else { VoteResult::Rejected },
            result_text: if approved { yes } else { no }.to_string(),
            tie: tie && base > 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference_rules() -> Rules {
        Rules {
            membership: 21,
            quorum_rule: QuorumRule::Majority,
            quorum_fixed: None,
            chair_votes: ChairVotes::Never,
            majority_basis: MajorityBasis::PresentAndVoting,
            online_counts: true,
            result_words: ResultWords::Approve,
        }
    }

    /// 20 of 21 present, the chair among them.
    fn reference_attendance() -> Vec<(Role, AttendanceStatus)> {
        let mut a = vec![(Role::Chair, AttendanceStatus::Present)];
        a.extend(std::iter::repeat_n((Role::Member, AttendanceStatus::Present), 19));
        a.push((Role::Member, AttendanceStatus::Absent));
        a
    }

    fn tally(f: i64, a: i64, x: i64) -> Tally {
        Tally { for_count: f, against_count: a, abstain_count: x }
    }

    #[test]
    fn the_five_votes_of_the_reference() {
        let rules = reference_rules();
        let present = rules.present(reference_attendance());
        let eligible = rules.eligible(reference_attendance());
        assert_eq!((present, eligible, rules.quorum()), (20, 19, 11), "20 present, the chair does not vote");
        for (f, a) in [(19, 0), (19, 0), (18, 1), (19, 0), (16, 3)] {
            let d = rules.decide(tally(f, a, 0), present, eligible, None).unwrap();
            assert_eq!(d.result, VoteResult::Approved, "{f}–{a} was approved");
            assert_eq!(d.result_text, "承認");
        }
    }

    #[test]
    fn counts_that_cannot_be_right_are_refused() {
        let rules = reference_rules();
        let err = rules.decide(tally(19, 1, 0), 20, 19, None).unwrap_err();
        assert!(err.to_string().contains("合計（20）が採決に加わる委員（19名）を超えています"), "{err}");
        assert!(rules.decide(tally(-1, 0, 0), 20, 19, None).is_err());
        let err = rules.decide(tally(8, 2, 0), 10, 9, None).unwrap_err();
        assert_eq!(err.field(), Some("vote.quorum"), "no vote after the quorum is lost: {err}");
    }

    #[test]
    fn ties_follow_the_chairs_rule() {
        let mut rules = reference_rules();
        let err = rules.decide(tally(9, 9, 1), 20, 19, None);
        assert_eq!(err.unwrap().result, VoteResult::Rejected, "without a casting vote a tie is no majority");
        rules.chair_votes = ChairVotes::TieOnly;
        let err = rules.decide(tally(9, 9, 1), 20, 19, None).unwrap_err();
        assert_eq!(err.field(), Some("vote.chair_cast"), "可否同数のときは会長の決するところ");
        let d = rules.decide(tally(9, 9, 1), 20, 19, Some(true)).unwrap();
        assert_eq!((d.result, d.tie), (VoteResult::Approved, true));
        let d = rules.decide(tally(9, 9, 1), 20, 19, Some(false)).unwrap();
        assert_eq!(d.result, VoteResult::Rejected);
        rules.chair_votes = ChairVotes::Always;
        assert_eq!(rules.eligible(reference_attendance()), 20, "a chair who always votes is counted");
    }

    #[test]
    fn abstentions_under_both_bases() {
        let mut rules = reference_rules();
        // 8 for, 6 against, 5 abstain of 19: a majority of those voting, not of those present.
        let d = rules.decide(tally(8, 6, 5), 20, 19, None).unwrap();
        assert_eq!(d.result, VoteResult::Approved);
        rules.majority_basis = MajorityBasis::Present;
        let d = rules.decide(tally(8, 6, 5), 20, 19, None).unwrap();
        assert_eq!(d.result, VoteResult::Rejected, "8 of 19 present is no majority");
        let d = rules.decide(tally(10, 4, 5), 20, 19, None).unwrap();
        assert_eq!(d.result, VoteResult::Approved);
    }

    #[test]
    fn online_members_count_only_if_the_council_says_so() {
        let mut rules = reference_rules();
        let mut a = reference_attendance();
        a[5].1 = AttendanceStatus::Online;
        a[6].1 = AttendanceStatus::Online;
        assert_eq!((rules.present(a.clone()), rules.eligible(a.clone())), (20, 19));
        rules.online_counts = false;
        assert_eq!((rules.present(a.clone()), rules.eligible(a.clone())), (18, 17));
    }

    #[test]
    fn result_words_are_the_councils() {
        let mut rules = reference_rules();
        rules.result_words = ResultWords::Ze;
        assert_eq!(rules.decide(tally(19, 0, 0), 20, 19, None).unwrap().result_text, "是");
        assert_eq!(rules.decide(tally(3, 16, 0), 20, 19, None).unwrap().result_text, "非");
        rules.result_words = ResultWords::Pass;
        assert_eq!(rules.decide(tally(19, 0, 0), 20, 19, None).unwrap().result_text, "可決");
    }

    /// 賛成６ 棄権３ of 15 who vote, with 反対 left blank: not 6–0–3 承認 but a miscount the secretary
    /// is told about; 6–6–3 is 否決.
    #[test]
    fn a_total_short_of_those_voting_is_refused_not_decided() {
        let rules = reference_rules();
        let err = rules.decide(tally(6, 0, 3), 16, 15, None).unwrap_err();
        assert!(err.to_string().contains("足りません"), "{err}");
        let d = rules.decide(tally(6, 6, 3), 16, 15, None).unwrap();
        assert_eq!(d.result, VoteResult::Rejected);
    }
}
