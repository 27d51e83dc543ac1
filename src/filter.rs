//! Resolving `--tech`, `--level`, `--topic`, `--difficulty` and `--kind` into a predicate on
//! summaries. Every unknown value is a usage error that names the valid choices.

use crate::cli::Filters;
use crate::error::{Error, Result};
use kh_corpus::model::{Kind, Level, Summary};
use kh_corpus::tech;

/// A resolved filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only this technology slug.
    pub tech: Option<String>,
    /// Only this level.
    pub level: Option<Level>,
    /// Only this topic.
    pub topic: Option<&'static str>,
    /// Inclusive difficulty range.
    pub difficulty: Option<(u8, u8)>,
}

impl Filter {
    /// Resolves the command-line filters.
    pub fn new(kind: Option<&str>, f: &Filters) -> Result<Filter> {
        let kind = kind.map(parse_kind).transpose()?;
        let tech = f
            .tech
            .as_deref()
            .map(|t| parse_tech(t).map(|t| t.slug.to_string()))
            .transpose()?;
        let level = f.level.as_deref().map(parse_level).transpose()?;
        let topic = f
            .topic
            .as_deref()
            .map(|t| {
                tech::topic(t).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown topic `{t}`; valid are: {}",
                        tech::TOPICS.join(", ")
                    ))
                })
            })
            .transpose()?;
        let difficulty = f.difficulty.as_deref().map(parse_range).transpose()?;
        Ok(Filter {
            kind,
            tech,
            level,
            topic,
            difficulty,
        })
    }

    /// Whether a summary passes.
    pub fn keep(&self, s: &Summary) -> bool {
        self.kind.is_none_or(|k| s.kind == k)
            && self.tech.as_deref().is_none_or(|t| s.tech == t)
            && self.level.is_none_or(|l| s.level == Some(l))
            && self.topic.is_none_or(|t| s.topic == t)
            && self
                .difficulty
                .is_none_or(|(lo, hi)| (lo..=hi).contains(&s.difficulty))
    }
}

/// Resolves a technology slug (any case) or reports the valid ones.
pub fn parse_tech(t: &str) -> Result<&'static tech::Tech> {
    tech::tech(t).ok_or_else(|| {
        Error::Usage(format!(
            "unknown technology `{t}`; valid are: {}",
            tech::tech_slugs().join(", ")
        ))
    })
}

/// Parses a level name or reports the valid ones.
pub fn parse_level(l: &str) -> Result<Level> {
    Level::parse(l).ok_or_else(|| {
        Error::Usage(format!(
            "unknown level `{l}`; valid are: beginner, mid, senior, architect"
        ))
    })
}

/// Parses a kind name or reports the valid ones.
pub fn parse_kind(k: &str) -> Result<Kind> {
    Kind::parse(k).ok_or_else(|| {
        Error::Usage(format!(
            "unknown kind `{k}`; valid are: question, error, snippet, design, path, security"
        ))
    })
}

/// `N`, `A..B`, `A..=B`, `A-B`, `..B` or `A..`, within 1..=10.
pub fn parse_range(s: &str) -> Result<(u8, u8)> {
    let bad = || {
        Error::Usage(format!(
            "--difficulty `{s}` is not N or A..B with 1 <= A <= B <= 10"
        ))
    };
    let num = |t: &str, default: u8| -> Result<u8> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(default);
        }
        t.parse::<u8>()
            .ok()
            .filter(|n| (1..=10).contains(n))
            .ok_or_else(bad)
    };
    let (lo, hi) = if let Some((a, b)) = s.split_once("..=").or_else(|| s.split_once("..")) {
        (num(a, 1)?, num(b, 10)?)
    } else if let Some((a, b)) = s.split_once('-') {
        (num(a, 1)?, num(b, 10)?)
    } else {
        let n = num(s, 0)?;
        if n == 0 {
            return Err(bad());
        }
        (n, n)
    };
    if lo > hi {
        return Err(Error::Usage(format!(
            "--difficulty `{s}` is upside down: the low end comes first, e.g. {hi}..{lo}"
        )));
    }
    Ok((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_in_every_form() {
        assert_eq!(parse_range("3..6").ok(), Some((3, 6)));
        assert_eq!(parse_range("3..=6").ok(), Some((3, 6)));
        assert_eq!(parse_range("4").ok(), Some((4, 4)));
        assert_eq!(parse_range("..5").ok(), Some((1, 5)));
        assert_eq!(parse_range("7..").ok(), Some((7, 10)));
        assert_eq!(parse_range("2-4").ok(), Some((2, 4)));
    }

    #[test]
    fn upside_down_range_says_so() {
        let e = parse_range("6..3").expect_err("must fail").to_string();
        assert!(e.contains("upside down"), "{e}");
    }

    #[test]
    fn out_of_bounds_difficulty_is_rejected() {
        assert!(parse_range("0..3").is_err());
        assert!(parse_range("11").is_err());
        assert!(parse_range("x").is_err());
    }
}
