//! What the chair's screen is told: the current entry (so a vote on the previous item is not
//! shown as the current result), a due ventilation until it is acknowledged, and the planned end.

mod common;

use common::{at, opened};
use shoki_core::store::vote::VoteInput;

#[test]
fn the_chair_view_knows_the_current_item_the_due_ventilation_and_the_end() {
    let (mut store, id) = opened();
    store.advance_agenda(id, at("14:10:00")).unwrap();
    let vote = VoteInput { for_count: "１９".into(), ..VoteInput::default() };
    store.record_vote(id, &vote, true, at("14:20:00")).unwrap();
    let view = store.chair_view(Some(id)).unwrap();
    let voted_on = view.latest_vote.as_ref().unwrap().agenda_entry_id;
    assert_eq!(voted_on, view.current_entry_id, "the vote is the current item's");
    assert_eq!(view.planned_end_at, "2021-12-13T17:00:00");
    assert_eq!(view.ventilation_due_at, None);

    store.advance_agenda(id, at("14:30:00")).unwrap();
    let view = store.chair_view(Some(id)).unwrap();
    assert_ne!(view.latest_vote.as_ref().unwrap().agenda_entry_id, view.current_entry_id, "now the previous item's");

    let fired = store.fire_reminder(id, at("15:00:05")).unwrap();
    let view = store.chair_view(Some(id)).unwrap();
    assert_eq!(view.ventilation_due_at.as_deref(), Some("2021-12-13T15:00:00"), "shown until acknowledged");
    store.acknowledge_reminder(fired.reminders[0].id, at("15:01:00")).unwrap();
    assert_eq!(store.chair_view(Some(id)).unwrap().ventilation_due_at, None);
}

/// The secretariat's report offered after a count says every number counted: 7–2–1 is not
/// 「賛成が7、反対が2」.
#[test]
fn the_offered_report_says_the_abstentions() {
    let (mut store, id) = opened();
    store.advance_agenda(id, at("14:10:00")).unwrap();
    let report = |store: &mut shoki_core::Store| {
        store.phrases(id).unwrap().into_iter().find(|p| p.key == "vk").unwrap().expanded
    };
    let vote = VoteInput {
        for_count: "16".into(),
        against_count: "2".into(),
        abstain_count: "1".into(),
        ..VoteInput::default()
    };
    store.record_vote(id, &vote, false, at("14:20:00")).unwrap();
    assert_eq!(report(&mut store), "賛成が16、反対が2、棄権が1でございます。");
    let vote = VoteInput { for_count: "19".into(), ..VoteInput::default() };
    store.record_vote(id, &vote, false, at("14:30:00")).unwrap();
    assert_eq!(report(&mut store), "賛成が19、反対がゼロでございます。", "as the reference says it");
}

/// The chair's ventilation announcement says the council's interval, not always 1時間.
#[test]
fn the_ventilation_announcement_says_the_councils_interval() {
    let mut store = shoki_core::Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.update_council(m.council.id, shoki_core::store::CouncilField::VentilationMinutes, "90").unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    let kk = store.phrases(m.id).unwrap().into_iter().find(|p| p.key == "kk").unwrap();
    assert!(kk.expanded.starts_with("1時間30分経過しましたので"), "{}", kk.expanded);
    assert_eq!(shoki_core::store::phrase::spoken_interval(60), "1時間");
    assert_eq!(shoki_core::store::phrase::spoken_interval(30), "30分");
}

/// A meeting left open for two days does not catch up 48 reminders one per second: one reminder
/// answers them all, and the next falls due one interval after the latest passed; one not yet
/// answered stands for the next as well.
#[test]
fn a_meeting_left_open_gets_one_reminder_for_all_it_missed() {
    let (mut store, id) = opened();
    let two_days_later = at("14:00:30") + chrono::Duration::hours(48);
    let fired = store.fire_reminder(id, two_days_later).unwrap();
    assert_eq!(fired.reminders.len(), 1);
    assert_eq!(fired.reminders[0].missed, 48);
    assert_eq!(fired.reminders[0].due_at, "2021-12-15T14:00:00");
    let again = store.fire_reminder(id, two_days_later + chrono::Duration::seconds(1)).unwrap();
    assert_eq!(again.reminders.len(), 1, "nothing more until the next interval");
    assert_eq!(again.next_reminder_at.as_deref(), Some("2021-12-15T15:00:00"));
    // Not answered when the next falls due (the laptop left awake overnight): the same reminder
    // stands for it too — one banner, one F9 — never a pile to answer one by one.
    let unanswered = store.fire_reminder(id, at("15:00:05") + chrono::Duration::hours(48)).unwrap();
    assert_eq!(unanswered.reminders.len(), 1);
    assert_eq!(unanswered.reminders[0].missed, 49);
    assert_eq!(unanswered.reminders[0].due_at, "2021-12-15T15:00:00");
    let answered =
        store.acknowledge_reminder(unanswered.reminders[0].id, at("15:01:00") + chrono::Duration::hours(48)).unwrap();
    assert!(answered.reminders.iter().all(|r| r.acknowledged_at.is_some()));
    let on_time = store.fire_reminder(id, at("16:00:05") + chrono::Duration::hours(48)).unwrap();
    assert_eq!((on_time.reminders.len(), on_time.reminders[1].missed), (2, 1), "answered, the next is its own");
}
