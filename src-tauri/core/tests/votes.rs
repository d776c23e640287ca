//! Votes in the store: the reference's five shows of hands, refusals that keep the record clean,
//! the rules a meeting keeps from its opening, and what the chair's screen reads.

mod common;

use common::{at, opened};
use shoki_core::model::{TurnKind, VoteResult};
use shoki_core::store::vote::VoteInput;
use shoki_core::store::CouncilField;
use shoki_core::Store;

fn count(f: &str, a: &str) -> VoteInput {
    VoteInput { for_count: f.into(), against_count: a.into(), ..Default::default() }
}

#[test]
fn the_five_votes_of_the_reference_are_recorded_as_declared() {
    let (mut store, id) = opened();
    let m = store.meeting(id).unwrap();
    assert_eq!((m.present, m.eligible), (20, 19), "the chair does not vote");
    let leaves = m.leaves();
    for (i, (f, a)) in [("19", "0"), ("19", "0"), ("18", "1"), ("19", "0"), ("16", "3")].iter().enumerate() {
        store.jump_agenda(id, leaves[1 + i], at(&format!("{}:00:00", 14 + i))).unwrap();
        let v = store.record_vote(id, &count(f, a), true, at(&format!("{}:30:00", 14 + i))).unwrap();
        assert_eq!((v.result, v.result_text.as_str()), (VoteResult::Approved, "承認"), "諮問事項（{}）", i + 1);
        assert_eq!(v.agenda_entry_id, Some(leaves[1 + i]), "the vote is on the current item");
        assert_eq!(v.eligible, 19);
    }
    let notes: Vec<String> =
        store.transcript(id).unwrap().into_iter().filter(|t| t.kind == TurnKind::Note).map(|t| t.text).collect();
    assert_eq!(notes.len(), 10);
    assert_eq!(notes[..2], ["（賛成者挙手）", "（反対者挙手）"]);
    let phrases = store.phrases(id).unwrap();
    let report = phrases.iter().find(|p| p.key == "vk").unwrap();
    assert_eq!(report.expanded, "賛成が16、反対が3でございます。");
    store.record_vote(id, &count("19", ""), false, at("19:00:00")).unwrap();
    let report = store.phrases(id).unwrap().into_iter().find(|p| p.key == "vk").unwrap();
    assert_eq!(report.expanded, "賛成が19、反対がゼロでございます。", "as the secretariat says it");
}

#[test]
fn impossible_counts_and_lost_quorums_are_refused_and_nothing_is_recorded() {
    let (mut store, id) = opened();
    let err = store.record_vote(id, &count("19", "1"), true, at("14:30:00")).unwrap_err();
    assert!(err.to_string().contains("19名"), "{err}");
    assert!(store.record_vote(id, &count("-1", "0"), true, at("14:30:00")).is_err());
    assert!(store.record_vote(id, &count("十", "0"), true, at("14:30:00")).is_err());
    let m = store.meeting(id).unwrap();
    for a in m.attendance.iter().skip(1).take(10) {
        store.record_attendance(id, a.member_id, "left", at("15:00:00")).unwrap();
    }
    let err = store.record_vote(id, &count("9", "0"), true, at("15:10:00")).unwrap_err();
    assert_eq!(err.field(), Some("vote.quorum"), "{err}");
    assert!(store.meeting(id).unwrap().votes.is_empty(), "a refused vote leaves no record");
    assert!(store.transcript(id).unwrap().is_empty(), "nor any stage note");
    let void = VoteInput { void_reason: Some("定足数に達しなかったため".into()), ..count("9", "0") };
    let v = store.record_vote(id, &void, false, at("15:11:00")).unwrap();
    assert_eq!((v.result, v.result_text.as_str()), (VoteResult::Void, "不成立"));
    assert_eq!(v.void_reason.as_deref(), Some("定足数に達しなかったため"));
}

#[test]
fn a_tie_asks_for_the_chair_and_an_override_needs_a_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.update_council(m.council.id, CouncilField::ChairVotes, "tie_only").unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    let tie = VoteInput { abstain_count: "1".into(), ..count("9", "9") };
    let err = store.record_vote(m.id, &tie, false, at("14:30:00")).unwrap_err();
    assert_eq!(err.field(), Some("vote.chair_cast"));
    let cast = VoteInput { chair_cast: Some("against".into()), ..tie.clone() };
    assert_eq!(store.record_vote(m.id, &cast, false, at("14:31:00")).unwrap().result_text, "否決");
    let overruled = VoteInput { override_result: Some("rejected".into()), ..count("10", "9") };
    let err = store.record_vote(m.id, &overruled, false, at("14:32:00")).unwrap_err();
    assert_eq!(err.field(), Some("vote.override_reason"));
    let with_reason = VoteInput { override_reason: Some("委員会規則第5条による".into()), ..overruled };
    let v = store.record_vote(m.id, &with_reason, false, at("14:33:00")).unwrap();
    assert_eq!((v.result, v.override_reason.as_deref()), (VoteResult::Rejected, Some("委員会規則第5条による")));
}

#[test]
fn a_meeting_keeps_the_rules_it_was_opened_under() {
    let (mut store, id) = opened();
    let council = store.meeting(id).unwrap().council.id;
    store.update_council(council, CouncilField::ChairVotes, "always").unwrap();
    store.update_council(council, CouncilField::ResultWords, "ze").unwrap();
    let m = store.meeting(id).unwrap();
    assert_eq!(m.eligible, 19, "changing the council's rules does not change an opened meeting");
    assert_eq!(store.record_vote(id, &count("19", "0"), false, at("14:40:00")).unwrap().result_text, "承認");
}

#[test]
fn deleting_a_vote_keeps_it_and_the_chair_sees_the_latest() {
    let (mut store, id) = opened();
    store.record_vote(id, &count("18", "1"), false, at("14:40:00")).unwrap();
    let second = store.record_vote(id, &count("16", "3"), false, at("14:50:00")).unwrap();
    let view = store.chair_view(None).unwrap();
    assert_eq!(view.latest_vote.as_ref().map(|v| (v.for_count, v.against_count)), Some((16, 3)));
    assert_eq!((view.present, view.membership, view.quorum, view.quorum_met), (20, 21, 11, true));
    assert_eq!(view.current_item, "1 会長あいさつ");
    store.delete_vote(second.id, at("14:51:00")).unwrap();
    assert_eq!(store.vote_history(second.id).unwrap()[0].for_count, 16, "the deleted vote is kept");
    let view = store.chair_view(Some(id)).unwrap();
    assert_eq!(view.latest_vote.map(|v| v.for_count), Some(18), "the chair sees the vote that stands");
}

#[test]
fn a_miscount_is_corrected_and_the_first_count_kept() {
    let (mut store, id) = opened();
    let v = store.record_vote(id, &count("18", "1"), false, at("14:40:00")).unwrap();
    store.close_meeting(id, at("17:00:00")).unwrap();
    // Found while checking the draft, after the meeting closed.
    let fixed = store.update_vote(v.id, &count("16", "3"), at("14:45:00")).unwrap();
    assert_eq!((fixed.for_count, fixed.against_count, fixed.result_text.as_str()), (16, 3, "承認"));
    assert_eq!(fixed.eligible, 19, "counted against the attendance of the moment of the vote");
    let history = store.vote_history(v.id).unwrap();
    assert_eq!((history[0].for_count, history[0].against_count), (18, 1), "the first count is kept");
    assert!(store.update_vote(v.id, &count("19", "1"), at("14:46:00")).is_err(), "a correction is checked like a vote");
}
