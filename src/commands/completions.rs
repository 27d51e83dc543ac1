//! `kh completions` and `kh man`: generated from the clap definition, so they never drift
//! from the real flags. Bash and fish also complete entry IDs after `show`, `snippet` and
//! `path`, by asking `kh list --format ids` at completion time.

use super::Outcome;
use crate::cli::Cli;
use crate::error::Result;
use crate::output::Output;
use clap::CommandFactory;
use clap_complete::Shell;

const BASH_IDS: &str = r#"
# Entry IDs after show, snippet and path (asked of kh itself, so your own entries too).
_kh_with_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    if [[ $COMP_CWORD -eq 2 && "$cur" != -* ]]; then
        local kind=""
        case "${COMP_WORDS[1]}" in
            show) kind="" ;;
            snippet) kind="snippet" ;;
            path) kind="path" ;;
            *) _kh "$@"; return ;;
        esac
        COMPREPLY=( $(compgen -W "$(kh list $kind --format ids 2>/dev/null)" -- "${cur^^}") )
        return
    fi
    _kh "$@"
}
complete -F _kh_with_ids -o bashdefault -o default kh
"#;

const FISH_IDS: &str = r#"
# Entry IDs after show, snippet and path.
complete -c kh -n "__fish_seen_subcommand_from show" -f -a "(kh list --format ids 2>/dev/null)"
complete -c kh -n "__fish_seen_subcommand_from snippet" -f -a "(kh list snippet --format ids 2>/dev/null)"
complete -c kh -n "__fish_seen_subcommand_from path" -f -a "(kh list path --format ids 2>/dev/null)"
"#;

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut Output) -> Result<Outcome> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kh", &mut buf);
    match shell {
        Shell::Bash => buf.extend_from_slice(BASH_IDS.as_bytes()),
        Shell::Fish => buf.extend_from_slice(FISH_IDS.as_bytes()),
        _ => {}
    }
    out.raw(&String::from_utf8_lossy(&buf))?;
    Ok(Outcome::Found)
}

/// Prints the man page.
pub fn man(out: &mut Output) -> Result<Outcome> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    out.raw(&String::from_utf8_lossy(&buf))?;
    Ok(Outcome::Found)
}
