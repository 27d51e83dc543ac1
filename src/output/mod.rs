//! Everything `kh` shows: the only writer to stdout (and to stderr for hints).
//!
//! Commands hand values here; this module chooses the layout (terminal text, plain text,
//! JSON) and colour, which `main` decided once. Text from input or the corpus is cleaned
//! of control sequences before it reaches a terminal.

pub mod highlight;
pub mod json;
pub mod markdown;
pub mod pager;
pub mod paint;

use crate::cli::ListFormat;
use crate::commands::explain::ExplainReport;
use crate::commands::path::PathView;
use crate::commands::stats::Stats;
use crate::error::Result;
use crate::explain::clean::clean;
use crate::index::Hit;
use crate::store::{EntryRef, Hub};
use kh_corpus::model::{Detail, Entry, Summary};
use kh_corpus::Loaded;
use paint::Paint;
use serde_json::{json, Value};
use std::io::{self, Write};

/// The output sink and its settings.
pub struct Output {
    w: io::BufWriter<Box<dyn Write>>,
    paint: Paint,
    terminal: bool,
    pager: Option<std::process::Child>,
}

impl Output {
    /// Output to stdout; `color` and `terminal` are decided by the caller.
    pub fn new(color: bool, terminal: bool) -> Output {
        Output {
            w: io::BufWriter::new(Box::new(io::stdout())),
            paint: Paint { on: color },
            terminal,
            pager: None,
        }
    }

    /// Sends everything written from now on through the user's pager (`KH_PAGER`, then
    /// `PAGER`, then `less`), as git does. Only call it when stdout is a terminal. A pager
    /// that cannot start is skipped, never an error.
    pub fn use_pager(&mut self) {
        let Some(cmd) = pager::command() else { return };
        if let Some((child, stdin)) = pager::spawn(&cmd) {
            self.w = io::BufWriter::new(Box::new(stdin));
            self.pager = Some(child);
        }
    }

    /// Flushes, closes the pager's input and waits for the reader to quit it.
    pub fn finish(&mut self) -> Result<()> {
        let flushed = self.w.flush();
        if let Some(mut child) = self.pager.take() {
            self.w = io::BufWriter::new(Box::new(io::sink()));
            let _ = child.wait();
        }
        flushed?;
        Ok(())
    }

    /// Whether stdout is a terminal.
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// Flushes buffered output.
    pub fn flush(&mut self) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }

    /// A one-line note on stderr (misses, progress), never mixed into stdout.
    pub fn hint(&mut self, msg: &str) -> Result<()> {
        self.w.flush()?;
        let mut e = io::stderr().lock();
        writeln!(e, "{}", clean(msg))?;
        Ok(())
    }

    /// Text exactly as given (snippet code for a file or pipe).
    pub fn raw(&mut self, s: &str) -> Result<()> {
        self.w.write_all(s.as_bytes())?;
        Ok(())
    }

    fn json(&mut self, v: &Value) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.w, v).map_err(io::Error::from)?;
        writeln!(self.w)?;
        Ok(())
    }

    /// "no entry X; did you mean ..." on stderr.
    pub fn did_you_mean(&mut self, id: &str, near: &[String]) -> Result<()> {
        let msg = if near.is_empty() {
            format!(
                "kh: no entry `{}`; try `kh search {}`",
                clean(id),
                clean(id)
            )
        } else {
            format!(
                "kh: no entry `{}`; did you mean {}?",
                clean(id),
                near.join(", ")
            )
        };
        self.hint(&msg)
    }

    fn header(&self, e: &Entry, local: bool) -> String {
        let mut parts: Vec<String> = vec![e.kind.as_str().to_string()];
        if let Some(t) = kh_corpus::tech::tech(&e.tech) {
            parts.push(t.name.to_string());
        }
        match &e.detail {
            Detail::Question {
                topic,
                level,
                difficulty,
            } => {
                parts.push(level.to_string());
                parts.push(topic.clone());
                parts.push(format!("difficulty {difficulty}/10"));
            }
            Detail::Error { class, .. } => parts.push(class.clone()),
            Detail::Snippet { category, file, .. } => {
                parts.push(category.clone());
                parts.push(file.clone());
            }
            Detail::Design { level, .. } => parts.push(level.to_string()),
            Detail::Path { level, hours, .. } => {
                parts.push(level.to_string());
                parts.push(format!("~{hours} h"));
            }
            Detail::Security { category, .. } => parts.push(category.clone()),
        }
        if local {
            parts.push(self.paint.mark("local"));
        }
        format!(
            "{}  {}",
            self.paint.id(&e.id),
            self.paint.dim(&parts.join(" \u{b7} "))
        )
    }

    /// One entry in full.
    pub fn entry(&mut self, e: &Entry, local: bool) -> Result<()> {
        let header = self.header(e, local);
        writeln!(self.w, "{header}")?;
        writeln!(self.w, "{}", self.paint.title(&clean(&e.title)))?;
        match &e.detail {
            Detail::Error { messages, .. } => {
                for m in messages {
                    writeln!(self.w, "  {}", self.paint.dim(&clean(m)))?;
                }
            }
            Detail::Snippet {
                summary,
                works_with,
                ..
            } => {
                writeln!(self.w, "{}", clean(summary))?;
                if !works_with.is_empty() {
                    writeln!(
                        self.w,
                        "{}",
                        self.paint
                            .dim(&format!("Works with: {}", clean(works_with)))
                    )?;
                }
            }
            Detail::Path {
                summary, modules, ..
            } => {
                writeln!(self.w, "{}", clean(summary))?;
                for (i, m) in modules.iter().enumerate() {
                    writeln!(
                        self.w,
                        "  {:>2}. {}  {}",
                        i + 1,
                        clean(&m.title),
                        self.paint.dim(&m.entries.join(" "))
                    )?;
                }
            }
            _ => {}
        }
        for s in &e.sections {
            writeln!(self.w)?;
            writeln!(self.w, "{}", self.paint.heading(&clean(&s.heading)))?;
            let body = markdown::render(&s.body, self.paint);
            self.w.write_all(body.as_bytes())?;
        }
        Ok(())
    }

    /// One entry as JSON.
    pub fn entry_json(&mut self, e: &Entry, local: bool) -> Result<()> {
        self.json(&json::entry(e, local))
    }

    /// The explain report as text.
    pub fn explain(&mut self, r: &ExplainReport) -> Result<()> {
        if r.matches.is_empty() {
            let mut msg = String::from("kh: no confident match");
            if !r.suggestions.is_empty() {
                let s: Vec<String> = r
                    .suggestions
                    .iter()
                    .map(|(_, e, _)| format!("{} ({})", e.id, clean(&e.title)))
                    .collect();
                msg.push_str("; closest: ");
                msg.push_str(&s.join("; "));
            }
            return self.hint(&msg);
        }
        let (best, entry, local) = &r.matches[0];
        let header = self.header(entry, *local);
        writeln!(self.w, "{header}")?;
        writeln!(self.w, "{}", self.paint.title(&clean(&entry.title)))?;
        if r.why {
            self.why(best)?;
        }
        for name in ["Cause", "Fix"] {
            if let Some(body) = entry.section(name) {
                writeln!(self.w)?;
                writeln!(self.w, "{}", self.paint.heading(name))?;
                let text = markdown::render(body, self.paint);
                self.w.write_all(text.as_bytes())?;
            }
        }
        if r.matches.len() > 1 {
            writeln!(self.w)?;
            let label = if r.confident > 1 {
                "Also matched"
            } else {
                "Alternatives"
            };
            writeln!(self.w, "{}", self.paint.heading(label))?;
            for (m, e, _) in &r.matches[1..] {
                writeln!(
                    self.w,
                    "  {}  {}  {}",
                    self.paint.id(&e.id),
                    clean(&e.title),
                    self.paint.dim(&format!("{:.2}", m.score))
                )?;
                if r.why {
                    self.why(m)?;
                }
            }
        }
        writeln!(self.w)?;
        writeln!(
            self.w,
            "{}",
            self.paint.dim(&format!(
                "kh show {} for the full entry with examples",
                entry.id
            ))
        )?;
        Ok(())
    }

    fn why(&mut self, m: &crate::explain::Match) -> Result<()> {
        writeln!(
            self.w,
            "    {} {}",
            self.paint.dim(&format!("line {}:", m.found.line_no)),
            self.paint.mark(&clean(&m.found.line))
        )?;
        writeln!(
            self.w,
            "    {} {}  {}",
            self.paint.dim("message:"),
            clean(&m.found.message),
            self.paint.dim(&format!("(score {:.2})", m.score))
        )?;
        Ok(())
    }

    /// The explain report as JSON: `{"matches": [...]}`.
    pub fn explain_json(&mut self, r: &ExplainReport) -> Result<()> {
        let matches: Vec<Value> = r
            .matches
            .iter()
            .map(|(m, e, l)| json::explain_match(m, e, *l))
            .collect();
        let suggestions: Vec<Value> = r
            .suggestions
            .iter()
            .map(|(m, e, l)| json::explain_match(m, e, *l))
            .collect();
        self.json(
            &json!({"matches": matches, "suggestions": suggestions, "detected": r.detected}),
        )?;
        if r.matches.is_empty() {
            self.hint("kh: no confident match")?;
        }
        Ok(())
    }

    fn hit_line(&self, hub: &Hub, at: EntryRef, s: &Summary) -> String {
        // One string for the dim part, not a list of strings joined (ten of these lines
        // are a search's output).
        let mut meta = String::with_capacity(48);
        meta.push_str(s.kind.as_str());
        let mut add = |part: &str| {
            meta.push_str(" \u{b7} ");
            meta.push_str(part);
        };
        if !s.tech.is_empty() {
            add(&s.tech);
        }
        if let Some(l) = s.level {
            add(l.as_str());
        }
        if s.difficulty > 0 {
            add(&format!("{}/10", s.difficulty));
        }
        if hub.store(at).local {
            add(&self.paint.mark("local"));
        }
        format!(
            "{:<13} {}  {}",
            self.paint.id(&s.id),
            clean(&s.title),
            self.paint.dim(&meta)
        )
    }

    /// Search results, one per line.
    pub fn hits(&mut self, hub: &Hub, hits: &[Hit]) -> Result<()> {
        for h in hits {
            let line = self.hit_line(hub, h.at, &h.summary);
            writeln!(self.w, "{line}")?;
        }
        Ok(())
    }

    /// Other results after a full entry.
    pub fn more_hits(&mut self, hub: &Hub, hits: &[Hit]) -> Result<()> {
        if hits.is_empty() {
            return Ok(());
        }
        writeln!(self.w)?;
        writeln!(self.w, "{}", self.paint.heading("More questions"))?;
        self.hits(hub, hits)
    }

    /// Results as JSON: `{"results": [...]}` (and the best entry in full when given).
    pub fn hits_json(&mut self, hub: &Hub, hits: &[Hit], best: Option<&Entry>) -> Result<()> {
        let results: Vec<Value> = hits
            .iter()
            .map(|h| {
                let s = &h.summary;
                json!({"id": s.id, "kind": s.kind.as_str(), "title": s.title, "tech": s.tech,
                       "level": s.level.map(|l| l.as_str()), "topic": s.topic, "difficulty": s.difficulty,
                       "score": (h.score * 1000.0).round() / 1000.0, "local": hub.store(h.at).local})
            })
            .collect();
        let mut v = json!({ "results": results });
        if let Some(e) = best {
            v["best"] = json::entry(e, hits.first().is_some_and(|h| hub.store(h.at).local));
        }
        self.json(&v)
    }

    /// `kh list` in the chosen format.
    pub fn list(
        &mut self,
        hub: &Hub,
        rows: &[(EntryRef, Summary)],
        format: ListFormat,
    ) -> Result<()> {
        match format {
            ListFormat::Ids => {
                for (_, s) in rows {
                    writeln!(self.w, "{}", s.id)?;
                }
            }
            ListFormat::Tsv => {
                for (_, s) in rows {
                    let level = s.level.map_or("", |l| l.as_str());
                    let diff = if s.difficulty > 0 {
                        s.difficulty.to_string()
                    } else {
                        String::new()
                    };
                    let title = clean(&s.title).replace('\t', " ");
                    writeln!(
                        self.w,
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        s.id, s.kind, s.tech, level, diff, title
                    )?;
                }
            }
            ListFormat::Json => {
                let v: Vec<Value> = rows
                    .iter()
                    .map(|(at, s)| json!({"id": s.id, "kind": s.kind.as_str(), "title": s.title, "tech": s.tech,
                        "level": s.level.map(|l| l.as_str()), "topic": s.topic, "difficulty": s.difficulty,
                        "local": hub.store(*at).local}))
                    .collect();
                self.json(&Value::Array(v))?;
            }
            ListFormat::Table => {
                for (at, s) in rows {
                    let line = self.hit_line(hub, *at, s);
                    writeln!(self.w, "{line}")?;
                }
            }
        }
        Ok(())
    }

    /// `kh stats` as text.
    pub fn stats(&mut self, s: &Stats) -> Result<()> {
        writeln!(self.w, "{} entries", s.total)?;
        for (k, n) in &s.by_kind {
            writeln!(self.w, "  {:<10} {n:>6}", k.as_str())?;
        }
        writeln!(self.w)?;
        writeln!(self.w, "{}", self.paint.heading("By technology"))?;
        for (t, n) in &s.by_tech {
            let name = kh_corpus::tech::tech(t).map_or(t.as_str(), |t| t.name);
            writeln!(self.w, "  {name:<36} {n:>6}")?;
        }
        if s.local > 0 {
            writeln!(self.w, "\n{} from your own corpus", s.local)?;
        }
        Ok(())
    }

    /// `kh stats --json`.
    pub fn stats_json(&mut self, s: &Stats) -> Result<()> {
        let by_kind: serde_json::Map<String, Value> = s
            .by_kind
            .iter()
            .map(|(k, n)| (k.as_str().to_string(), json!(n)))
            .collect();
        let by_tech: serde_json::Map<String, Value> = s
            .by_tech
            .iter()
            .map(|(t, n)| (t.clone(), json!(n)))
            .collect();
        let mut by_kind_tech = serde_json::Map::new();
        for ((k, t), n) in &s.by_kind_tech {
            let slot = by_kind_tech
                .entry(k.as_str().to_string())
                .or_insert_with(|| json!({}));
            slot[t.as_str()] = json!(n);
        }
        self.json(&json!({"total": s.total, "by_kind": by_kind, "by_tech": by_tech, "by_kind_tech": by_kind_tech, "local": s.local}))
    }

    /// The list of learning paths.
    pub fn paths(&mut self, paths: &[Entry], as_json: bool) -> Result<()> {
        if as_json {
            let v: Vec<Value> = paths.iter().map(|p| json::entry(p, false)).collect();
            return self.json(&Value::Array(v));
        }
        for p in paths {
            if let Detail::Path {
                level,
                hours,
                modules,
                ..
            } = &p.detail
            {
                let meta = format!("{level} \u{b7} {} modules \u{b7} ~{hours} h", modules.len());
                writeln!(
                    self.w,
                    "{:<8} {}  {}",
                    self.paint.id(&p.id),
                    clean(&p.title),
                    self.paint.dim(&meta)
                )?;
            }
        }
        Ok(())
    }

    /// One learning path with its modules and the entries they point to.
    pub fn path(&mut self, view: &PathView, as_json: bool) -> Result<()> {
        let p = &view.entry;
        if as_json {
            return self.entry_json(p, false);
        }
        let header = self.header(p, false);
        writeln!(self.w, "{header}")?;
        writeln!(self.w, "{}", self.paint.title(&clean(&p.title)))?;
        if let Detail::Path {
            summary, modules, ..
        } = &p.detail
        {
            writeln!(self.w, "{}", clean(summary))?;
            for (i, (m, entries)) in modules.iter().zip(&view.modules).enumerate() {
                writeln!(self.w)?;
                writeln!(
                    self.w,
                    "{}",
                    self.paint
                        .heading(&format!("{:>2}. {}", i + 1, clean(&m.title)))
                )?;
                writeln!(
                    self.w,
                    "    {}",
                    self.paint.dim(&clean(&m.topics.join(", ")))
                )?;
                for (id, s) in entries {
                    match s {
                        Some(s) => {
                            writeln!(self.w, "    {:<13} {}", self.paint.id(id), clean(&s.title))?
                        }
                        None => writeln!(self.w, "    {:<13} (missing)", id)?,
                    }
                }
            }
        }
        if let Some(o) = p.section("Overview") {
            writeln!(self.w)?;
            writeln!(self.w, "{}", self.paint.heading("Overview"))?;
            let text = markdown::render(o, self.paint);
            self.w.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    /// `kh path ID --next`: where to go after a path.
    pub fn next_paths(
        &mut self,
        from: &Entry,
        next: &[(Entry, String)],
        as_json: bool,
    ) -> Result<()> {
        if as_json {
            let v: Vec<Value> = next.iter().map(|(e, why)| json!({"id": e.id, "title": e.title, "level": e.level().map(|l| l.as_str()), "why": why})).collect();
            return self.json(&json!({"after": from.id, "next": v}));
        }
        writeln!(
            self.w,
            "After {} ({}):",
            self.paint.id(&from.id),
            clean(&from.title)
        )?;
        for (e, why) in next {
            writeln!(
                self.w,
                "  {:<8} {}  {}",
                self.paint.id(&e.id),
                clean(&e.title),
                self.paint.dim(why)
            )?;
        }
        Ok(())
    }

    /// Lint findings on stdout, the summary on stderr.
    pub fn lint(&mut self, loaded: &Loaded) -> Result<()> {
        for d in &loaded.diagnostics {
            writeln!(self.w, "{}", clean(&d.to_string()))?;
        }
        let msg = if loaded.diagnostics.is_empty() {
            format!(
                "kh lint: {} entries in {} files, no problems",
                loaded.entries.len(),
                loaded.files.len()
            )
        } else {
            format!(
                "kh lint: {} problem(s) in {} files",
                loaded.diagnostics.len(),
                loaded.files.len()
            )
        };
        self.hint(&msg)
    }

    /// A quiz question and the prompt to reveal the answer.
    pub fn quiz_question(&mut self, n: usize, of: usize, e: &Entry) -> Result<()> {
        let header = self.header(e, false);
        writeln!(self.w)?;
        writeln!(
            self.w,
            "{} {header}",
            self.paint.dim(&format!("[{n}/{of}]"))
        )?;
        writeln!(self.w, "{}", self.paint.title(&clean(&e.title)))?;
        writeln!(self.w)?;
        write!(
            self.w,
            "{}",
            self.paint
                .dim("Think it through, then press Enter to see the model answer (q to quit) > ")
        )?;
        self.flush()
    }

    /// The model answer of a quiz question.
    pub fn quiz_answer(&mut self, e: &Entry) -> Result<()> {
        writeln!(self.w)?;
        writeln!(self.w, "{}", self.paint.heading("Model answer"))?;
        let text = markdown::render(e.section("Answer").unwrap_or(""), self.paint);
        self.w.write_all(text.as_bytes())?;
        if let Some(m) = e.section("Common Mistakes") {
            writeln!(self.w)?;
            writeln!(self.w, "{}", self.paint.heading("Common mistakes"))?;
            let text = markdown::render(m, self.paint);
            self.w.write_all(text.as_bytes())?;
        }
        writeln!(
            self.w,
            "{}",
            self.paint
                .dim(&format!("(the deep dive: kh show {})", e.id))
        )?;
        Ok(())
    }

    /// Asks how the answer went.
    pub fn quiz_prompt(&mut self) -> Result<()> {
        writeln!(self.w)?;
        write!(
            self.w,
            "How did it go? {} knew it  {} missed it  {} skip  {} quit > ",
            self.paint.id("[y]"),
            self.paint.id("[n]"),
            self.paint.id("[s]"),
            self.paint.id("[q]")
        )?;
        self.flush()
    }

    /// The end of a quiz session.
    pub fn quiz_summary(&mut self, s: &crate::commands::quiz::Session) -> Result<()> {
        writeln!(self.w)?;
        writeln!(self.w, "Session: {} knew, {} missed, {} skipped. Progress saved; missed questions come back first next time.", s.knew, s.missed, s.skipped)?;
        Ok(())
    }

    /// `kh quiz --stats`.
    pub fn quiz_stats(
        &mut self,
        by_tech: &std::collections::BTreeMap<String, crate::commands::quiz::TechProgress>,
        as_json: bool,
    ) -> Result<()> {
        if as_json {
            let v: serde_json::Map<String, Value> = by_tech.iter().map(|(t, p)| (t.clone(), json!({"questions": p.questions, "seen": p.seen, "mastered": p.mastered, "due": p.due}))).collect();
            return self.json(&Value::Object(v));
        }
        writeln!(
            self.w,
            "{:<36} {:>9} {:>6} {:>9} {:>5}",
            "technology", "questions", "seen", "mastered", "due"
        )?;
        for (t, p) in by_tech {
            let name = kh_corpus::tech::tech(t).map_or(t.as_str(), |t| t.name);
            writeln!(
                self.w,
                "{name:<36} {:>9} {:>6} {:>9} {:>5}",
                p.questions, p.seen, p.mastered, p.due
            )?;
        }
        Ok(())
    }
}
