//! `kh quiz`: practice questions in the terminal with spaced repetition.
//!
//! Reads one line per step from stdin (Enter to reveal, then y/n/s/q), so it works the
//! same in a terminal, in tmux and from a script. Progress is saved after every answer.

use super::Outcome;
use crate::cli::QuizArgs;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::output::Output;
use crate::quiz::progress::ProgressFile;
use crate::quiz::{schedule, Card, Grade};
use crate::store::Hub;
use std::collections::BTreeMap;
use std::io::BufRead;

/// Per-technology progress for `kh quiz --stats`.
#[derive(Debug, Default, Clone, Copy)]
pub struct TechProgress {
    /// Questions in the hub.
    pub questions: usize,
    /// Answered at least once.
    pub seen: usize,
    /// In box 4 or 5.
    pub mastered: usize,
    /// Due now (seen and due).
    pub due: usize,
}

/// How a session went.
#[derive(Debug, Default, Clone, Copy)]
pub struct Session {
    /// Known.
    pub knew: usize,
    /// Missed.
    pub missed: usize,
    /// Skipped.
    pub skipped: usize,
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Runs `kh quiz`.
pub fn run(hub: &Hub, a: QuizArgs, out: &mut Output) -> Result<Outcome> {
    let filter = Filter::new(Some("question"), &a.filters)?;
    let mut file = ProgressFile::load_default()?;
    if let Some(msg) = &file.recovered {
        out.hint(msg)?;
    }
    let mut rows = super::list::matching(hub, &filter)?;
    if rows.is_empty() {
        out.hint("kh: no questions match these filters")?;
        return Ok(Outcome::Nothing);
    }
    let now = now();
    if a.stats {
        let mut by_tech: BTreeMap<String, TechProgress> = BTreeMap::new();
        for (_, s) in &rows {
            let t = by_tech.entry(s.tech.clone()).or_default();
            t.questions += 1;
            if let Some(c) = file.progress.cards.get(&s.id).filter(|c| c.seen > 0) {
                t.seen += 1;
                t.mastered += usize::from(c.mastered());
                t.due += usize::from(c.due <= now);
            }
        }
        out.quiz_stats(&by_tech, a.json)?;
        return Ok(Outcome::Found);
    }
    if a.count == 0 {
        return Err(Error::Usage("--count must be at least 1".into()));
    }
    rows.sort_by(|a, b| (a.1.difficulty, &a.1.id).cmp(&(b.1.difficulty, &b.1.id)));
    let ids: Vec<String> = rows.iter().map(|(_, s)| s.id.clone()).collect();
    let plan: Vec<String> = schedule(&ids, |id| file.progress.cards.get(id).copied(), now)
        .into_iter()
        .take(a.count)
        .map(str::to_string)
        .collect();
    if plan.is_empty() {
        out.hint("kh: nothing is due; every question here was answered recently. Come back later or widen the filters.")?;
        return Ok(Outcome::Found);
    }
    let session = ask_all(hub, &plan, &mut file, out)?;
    out.quiz_summary(&session)?;
    Ok(Outcome::Found)
}

/// Asks each planned question; stops at `q` or end of input.
fn ask_all(
    hub: &Hub,
    plan: &[String],
    file: &mut ProgressFile,
    out: &mut Output,
) -> Result<Session> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut session = Session::default();
    for (i, id) in plan.iter().enumerate() {
        let Some(at) = hub.find_id(id) else { continue };
        let entry = hub.entry(at)?;
        out.quiz_question(i + 1, plan.len(), &entry)?;
        match read_line(&mut input)? {
            None => break,
            Some(l) if l.eq_ignore_ascii_case("q") => break,
            Some(_) => {}
        }
        out.quiz_answer(&entry)?;
        let grade = loop {
            out.quiz_prompt()?;
            match read_line(&mut input)?.map(|l| l.to_ascii_lowercase()) {
                None => return Ok(session),
                Some(l) if l == "q" => return Ok(session),
                Some(l) if l == "y" || l == "yes" => break Some(Grade::Knew),
                Some(l) if l == "n" || l == "no" => break Some(Grade::Missed),
                Some(l) if l == "s" || l == "skip" => break None,
                Some(_) => {}
            }
        };
        match grade {
            Some(g) => {
                let card = file
                    .progress
                    .cards
                    .get(id)
                    .copied()
                    .unwrap_or_else(Card::new_card);
                file.progress
                    .cards
                    .insert(id.clone(), card.answer(g, now()));
                file.save()?;
                if g == Grade::Knew {
                    session.knew += 1;
                } else {
                    session.missed += 1;
                }
            }
            None => session.skipped += 1,
        }
    }
    Ok(session)
}

/// One trimmed line, or `None` at end of input.
fn read_line(input: &mut impl BufRead) -> Result<Option<String>> {
    let mut line = String::new();
    let n = input
        .read_line(&mut line)
        .map_err(|e| Error::io("reading your answer", e))?;
    Ok((n > 0).then(|| line.trim().to_string()))
}
