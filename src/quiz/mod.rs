//! Spaced repetition for `kh quiz`: Leitner boxes and the progress file.
//!
//! A question answered well moves up a box and comes back later; a miss goes back to box 1
//! and comes back in the same day. Scheduling is pure (it takes `now`), so it is tested
//! without a clock; [`progress`] owns the file.

pub mod progress;

use serde::{Deserialize, Serialize};

/// Seconds until a card in box `b` (1-5) is due again.
pub const INTERVALS: [u64; 5] = [0, 86_400, 3 * 86_400, 7 * 86_400, 21 * 86_400];

/// The highest box; a card there (or in box 4) counts as mastered.
pub const TOP_BOX: u8 = 5;

/// What the reader said after seeing the model answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    /// Knew it.
    Knew,
    /// Missed it.
    Missed,
}

/// One question's learning state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// Leitner box, 1 to [`TOP_BOX`].
    pub r#box: u8,
    /// Unix time when it is due again.
    pub due: u64,
    /// Times shown.
    pub seen: u32,
    /// Times known.
    pub knew: u32,
}

impl Card {
    /// The state after answering, at time `now`.
    pub fn answer(self, grade: Grade, now: u64) -> Card {
        let r#box = match grade {
            Grade::Knew => (self.r#box + 1).min(TOP_BOX),
            Grade::Missed => 1,
        };
        Card {
            r#box,
            due: now + INTERVALS[usize::from(r#box - 1)],
            seen: self.seen + 1,
            knew: self.knew + u32::from(grade == Grade::Knew),
        }
    }

    /// A card never answered: it starts in box 1.
    pub fn new_card() -> Card {
        Card {
            r#box: 1,
            due: 0,
            seen: 0,
            knew: 0,
        }
    }

    /// Whether it counts as mastered.
    pub fn mastered(&self) -> bool {
        self.r#box >= 4
    }
}

/// Orders question IDs for a session: due cards first (lowest box, then most overdue),
/// then questions never seen (in the given order); cards not yet due are left out.
pub fn schedule(ids: &[String], card: impl Fn(&str) -> Option<Card>, now: u64) -> Vec<&str> {
    let mut due: Vec<(&str, Card)> = Vec::new();
    let mut fresh: Vec<&str> = Vec::new();
    for id in ids {
        match card(id) {
            Some(c) if c.seen > 0 => {
                if c.due <= now {
                    due.push((id, c));
                }
            }
            _ => fresh.push(id),
        }
    }
    due.sort_by_key(|(id, c)| (c.r#box, c.due, *id));
    due.into_iter().map(|(id, _)| id).chain(fresh).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knowing_moves_up_a_box_and_pushes_the_due_date() {
        let c = Card::new_card().answer(Grade::Knew, 1000);
        assert_eq!((c.r#box, c.due), (2, 1000 + 86_400));
        let c = c.answer(Grade::Knew, 2000);
        assert_eq!((c.r#box, c.due), (3, 2000 + 3 * 86_400));
    }

    #[test]
    fn a_miss_goes_back_to_box_one_due_now() {
        let c = Card {
            r#box: 4,
            due: 0,
            seen: 3,
            knew: 3,
        }
        .answer(Grade::Missed, 500);
        assert_eq!((c.r#box, c.due, c.seen, c.knew), (1, 500, 4, 3));
    }

    #[test]
    fn the_box_never_passes_the_top() {
        let c = Card {
            r#box: TOP_BOX,
            due: 0,
            seen: 9,
            knew: 9,
        }
        .answer(Grade::Knew, 0);
        assert_eq!(c.r#box, TOP_BOX);
    }

    #[test]
    fn schedule_puts_missed_first_then_new_and_skips_not_due() {
        let ids: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| s.to_string()).collect();
        let cards = |id: &str| match id {
            "A" => Some(Card {
                r#box: 3,
                due: 10,
                seen: 2,
                knew: 2,
            }),
            "B" => Some(Card {
                r#box: 1,
                due: 50,
                seen: 1,
                knew: 0,
            }),
            "C" => Some(Card {
                r#box: 2,
                due: 999,
                seen: 1,
                knew: 1,
            }),
            _ => None,
        };
        assert_eq!(schedule(&ids, cards, 100), ["B", "A", "D"]);
    }
}
