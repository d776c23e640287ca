//! 閉会 → 案 → 確定 in the store: corrections after the draft are listed, final minutes are locked
//! whatever the caller, carry a fingerprint, and reopen only with a reason.

mod common;

use common::at;
use shoki_core::export::Format;
use shoki_core::model::MeetingStatus;
use shoki_core::store::vote::VoteInput;
use shoki_core::store::MeetingField;
use shoki_core::Store;

#[test]
fn draft_corrections_then_a_locked_final_with_a_fingerprint() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let id = m.id;
    store.open_meeting(id, at("14:00:00")).unwrap();
    let t = store.add_turn(id, "member", "ちょっと質問よろしいですか。", at("14:05:00")).unwrap();
    let other = store.add_turn(id, "official", "お答えします。", at("14:06:00")).unwrap();
    assert!(store.mark_draft(id, at("14:10:00")).is_err(), "only a closed meeting goes out as a draft");
    store.close_meeting(id, at("17:00:00")).unwrap();
    store.edit_turn(t.id, "member", "ちょっと質問、よろしいですか。", t.agenda_entry_id, at("17:05:00")).unwrap();
    assert_eq!(store.mark_draft(id, at("17:10:00")).unwrap().status, MeetingStatus::Draft);
    assert!(store.corrections_since_draft(id).unwrap().is_empty(), "edits before the draft are not corrections");

    // An attendee's correction, after the draft went out.
    store.edit_turn(other.id, "official", "お答えいたします。", other.agenda_entry_id, at("18:00:00")).unwrap();
    let corrections = store.corrections_since_draft(id).unwrap();
    assert_eq!(corrections.len(), 1);
    assert_eq!((corrections[0].before.as_str(), corrections[0].now.as_str()), ("お答えします。", "お答えいたします。"));

    let draft_text = String::from_utf8(store.render(id, Format::TxtLf).unwrap()).unwrap();
    assert!(draft_text.starts_with("会議録（案）") && !draft_text.contains("指紋"));
    let fin = store.finalize_meeting(id, at("19:00:00")).unwrap();
    assert_eq!(fin.status, MeetingStatus::Final);
    let final_text = String::from_utf8(store.render(id, Format::TxtLf).unwrap()).unwrap();
    assert!(final_text.starts_with("会議録\n"), "（案） is dropped");
    let fingerprint = final_text.lines().last().unwrap().split('\t').nth(1).unwrap().to_string();
    assert_eq!(fingerprint.len(), 64, "a SHA-256 in hex");
    assert_eq!(
        String::from_utf8(store.render(id, Format::TxtLf).unwrap()).unwrap(),
        final_text,
        "the same content, the same fingerprint"
    );

    // Locked, whatever is tried.
    let err = store.edit_turn(t.id, "member", "書き換え", t.agenda_entry_id, at("19:01:00")).unwrap_err();
    assert!(err.to_string().contains("確定しています"), "{err}");
    assert!(store.delete_turn(t.id, at("19:01:00")).is_err());
    assert!(store.update_meeting(id, MeetingField::Venue, "別の会場", at("10:00:00")).is_err());
    assert!(store.rename_agenda_entry(m.agenda[0].id, "別の議題", at("19:01:00")).is_err());
    assert!(store.record_vote(id, &VoteInput::default(), false, at("19:02:00")).is_err());
    let err = store.delete_meeting(id).unwrap_err();
    assert!(err.to_string().contains("確定を取り消して"), "{err}");
    assert_eq!(store.turn(t.id).unwrap().text, "ちょっと質問、よろしいですか。", "nothing changed");

    assert!(store.reopen_meeting(id, "  ", at("19:10:00")).is_err(), "reopening needs a reason");
    let reopened = store.reopen_meeting(id, "委員から誤字の指摘があったため", at("19:10:00")).unwrap();
    assert_eq!(reopened.status, MeetingStatus::Draft);
    store.edit_turn(t.id, "member", "ちょっと質問よろしいですか。", t.agenda_entry_id, at("19:11:00")).unwrap();
    let changes = store.status_changes(id).unwrap();
    assert_eq!(changes.last().unwrap().reason.as_deref(), Some("委員から誤字の指摘があったため"), "the reason is kept");
    store.finalize_meeting(id, at("19:20:00")).unwrap();
    let refinal = String::from_utf8(store.render(id, Format::TxtLf).unwrap()).unwrap();
    assert_ne!(refinal.lines().last(), final_text.lines().last(), "different content, a different fingerprint");
}

/// A meeting in session is the only record of what is being said: it is not deleted (by any door:
/// the rule is the store's), and nothing of it is touched; once closed, it can be.
#[test]
fn a_meeting_in_session_is_not_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    let t = store.add_turn(m.id, "chair", "ただいまから開会いたします。", at("14:00:05")).unwrap();
    let err = store.delete_meeting(m.id).unwrap_err();
    assert!(err.to_string().contains("先に閉会してください"), "{err}");
    assert_eq!(store.turn(t.id).unwrap().text, "ただいまから開会いたします。", "nothing deleted");
    assert_eq!(store.meeting(m.id).unwrap().status, MeetingStatus::InSession);
    store.close_meeting(m.id, at("16:00:00")).unwrap();
    store.delete_meeting(m.id).unwrap();
    assert!(store.meeting(m.id).is_err(), "closed, then deleted");
}
