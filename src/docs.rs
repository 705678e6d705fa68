//! The generated documents: completion scripts for five shells and the man pages, from the
//! clap definition of the command line. `completions/` and `man/` hold them, and a test fails
//! when they are stale (`REDKIT_REGENERATE=1` rewrites them).

use std::path::Path;

use clap_complete::Shell;

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// The completion script for one shell.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = crate::cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "redkit", &mut buf);
    buf
}

/// The file name a shell's completion script is committed under.
pub fn completion_file(shell: Shell) -> String {
    match shell {
        Shell::Bash => "redkit.bash".into(),
        Shell::Zsh => "_redkit".into(),
        Shell::Fish => "redkit.fish".into(),
        Shell::PowerShell => "_redkit.ps1".into(),
        Shell::Elvish => "redkit.elv".into(),
        _ => format!("redkit.{shell}"),
    }
}

/// Every man page: `redkit.1` and one per subcommand (`redkit-stream-tail.1`), as
/// (file name, roff text).
pub fn man_pages() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = crate::cli::command();
    cmd.build();
    let mut pages = Vec::new();
    fn walk(
        cmd: &clap::Command,
        prefix: &str,
        pages: &mut Vec<(String, Vec<u8>)>,
    ) -> anyhow::Result<()> {
        let name = if prefix.is_empty() {
            cmd.get_name().to_string()
        } else {
            format!("{prefix}-{}", cmd.get_name())
        };
        let page_cmd = cmd.clone().name(name.clone());
        let mut buf = Vec::new();
        clap_mangen::Man::new(page_cmd).render(&mut buf)?;
        pages.push((format!("{name}.1"), buf));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &name, pages)?;
        }
        Ok(())
    }
    walk(&cmd, "", &mut pages)?;
    Ok(pages)
}

/// Writes completions/ and man/ under `root` (used by the test with REDKIT_REGENERATE=1).
pub fn write_generated(root: &Path) -> anyhow::Result<()> {
    let comp = root.join("completions");
    std::fs::create_dir_all(&comp)?;
    for shell in SHELLS {
        std::fs::write(comp.join(completion_file(shell)), completion_script(shell))?;
    }
    let man = root.join("man");
    if man.exists() {
        std::fs::remove_dir_all(&man)?;
    }
    std::fs::create_dir_all(&man)?;
    for (name, text) in man_pages()? {
        std::fs::write(man.join(name), text)?;
    }
    Ok(())
}
