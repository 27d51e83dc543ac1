//! `kh new`: a filled-in template for a new entry with the next free ID, written to the
//! user's corpus folder (or `-o FILE`). The template passes `kh lint` as it is, so a
//! contributor edits text, never structure.

use super::Outcome;
use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::filter::{parse_kind, parse_level, parse_tech};
use crate::output::Output;
use crate::store::Hub;
use kh_corpus::model::{Kind, Level};
use kh_corpus::tech;
use std::path::PathBuf;

/// Runs `kh new`.
pub fn run(hub: &Hub, a: NewArgs, out: &mut Output) -> Result<Outcome> {
    let kind = parse_kind(&a.kind)?;
    let tech = parse_tech(a.tech.as_deref().unwrap_or("python"))?;
    let level = a
        .level
        .as_deref()
        .map(parse_level)
        .transpose()?
        .unwrap_or(Level::Beginner);
    let prefix = match kind {
        Kind::Question => {
            let q = tech.question_prefix.ok_or_else(|| {
                Error::Usage(format!(
                    "technology `{}` has no interview questions",
                    tech.slug
                ))
            })?;
            format!("{q}-{}-", level.code())
        }
        Kind::Error => format!("{}-", tech::error_prefix(tech.slug)),
        Kind::Snippet => {
            let s = tech.snippet_prefix.ok_or_else(|| {
                Error::Usage(format!("technology `{}` has no snippets", tech.slug))
            })?;
            format!("SN-{s}-")
        }
        Kind::Design => "SD-".into(),
        Kind::Path => "LP-".into(),
        Kind::Security => "SEC-".into(),
    };
    let id = next_id(hub, &prefix)?;
    let text = template(kind, &id, tech.slug, level);
    let path = match a.output {
        Some(p) => p,
        None => {
            let base = crate::dirs::config().ok_or_else(|| {
                Error::Usage(
                    "cannot find a config directory: set HOME or XDG_CONFIG_HOME, or use -o FILE"
                        .into(),
                )
            })?;
            let mut folder: PathBuf = base.join("corpus").join(kind.as_str());
            if !matches!(kind, Kind::Design | Kind::Path) {
                folder.push(tech.slug);
            }
            std::fs::create_dir_all(&folder)
                .map_err(|e| Error::io(format!("creating {}", folder.display()), e))?;
            folder.join(format!("{id}.md"))
        }
    };
    crate::write::write_new(&path, text.as_bytes(), false)?;
    out.raw(&format!("{}\n", path.display()))?;
    out.hint(&format!(
        "kh: wrote a new {kind} {id}; edit it, then check it with `kh lint {}`",
        path.parent()
            .map_or(".".into(), |p| p.display().to_string())
    ))?;
    Ok(Outcome::Found)
}

/// The prefix followed by one more than the highest number in use (at least 001).
fn next_id(hub: &Hub, prefix: &str) -> Result<String> {
    let mut max = 0u32;
    for at in hub.all() {
        let id = hub.summary(at)?.id;
        if let Some(n) = id.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok()) {
            max = max.max(n);
        }
    }
    Ok(format!("{prefix}{:03}", max + 1))
}

fn template(kind: Kind, id: &str, tech: &str, level: Level) -> String {
    let head =
        |fields: &str| format!("+++\nid = \"{id}\"\nkind = \"{kind}\"\n{fields}tags = []\n+++\n\n");
    match kind {
        Kind::Question => head(&format!("title = \"Write the question as an interviewer asks it?\"\ntech = \"{tech}\"\ntopic = \"Language Fundamentals\"\nlevel = \"{level}\"\ndifficulty = 3\n"))
            + "## Answer\nWhat a strong candidate says in 30 seconds.\n\n## Deep Dive\nHow it works underneath, with code where it helps.\n\n## Real-World\nA concrete system, what happened, and a number.\n\n## Common Mistakes\n- A mistake interviewers actually see.\n\n## Production Scenario\nAn incident or design situation and how to handle it.\n\n## Follow-up Questions\n- The question that comes next.\n",
        Kind::Error => head(&format!("title = \"One-line diagnosis: the root cause\"\nlang = \"{tech}\"\nclass = \"RUNTIME\"\nmessages = [\n  \"TODO {id}: replace with the exact message, {{placeholder}} for variable parts\",\n]\n"))
            + &format!("## Cause\nWhy it happens, not only what it says.\n\n## Fix\n1. Concrete steps, with code.\n\nWrong fixes: name the tempting ones and why they fail.\n\n## Example\n```text\nTODO {id}: replace with the exact message, real value for variable parts\n```\n"),
        Kind::Snippet => head(&format!("title = \"What the snippet is\"\nlang = \"{tech}\"\ncategory = \"utility\"\nsummary = \"One line: what it does and when to reach for it.\"\nfile = \"snippet.txt\"\nworks_with = \"Versions it was checked with\"\n"))
            + "## Code\n```\nthe whole file, ready to save\n```\n\n## Notes\nWhat to adapt, and its limits.\n",
        Kind::Design => head(&format!("title = \"The system\"\nlevel = \"{level}\"\nrelated = []\n"))
            + "## Context\nWhy this system exists.\n\n## Requirements\nFunctional and non-functional, with numbers.\n\n## Architecture\nThe components and how a request flows.\n\n## Trade-offs\nWhat was chosen over what, and why.\n\n## Scaling\nThe steps as load grows.\n\n## Failure Modes\nWhat breaks and what the system does.\n",
        Kind::Security => head(&format!("title = \"The vulnerability\"\ncategory = \"OWASP A00:2021 Category\"\nlang = \"{tech}\"\nrelated = []\n"))
            + "## Vulnerable Pattern\nThe code to look for.\n\n## Attack\nHow it is exploited, conceptually.\n\n## Defence\nThe fixed code.\n\n## Checklist\n- What to check in review.\n",
        Kind::Path => head(&format!("title = \"The path\"\nlevel = \"{level}\"\nhours = 10\nsummary = \"Who it is for and where it leads.\"\n\n[[modules]]\ntitle = \"First module\"\ntopics = [\"a topic\"]\nentries = []\n"))
            .replacen("tags = []\n+++", "+++", 1)
            .replacen("summary = ", "tags = []\nsummary = ", 1)
            + "## Overview\nWho it is for and what they can do at the end.\n",
    }
}
