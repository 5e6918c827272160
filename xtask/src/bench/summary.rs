//! The goals table at the end of the run, and the machine it ran on.

use super::check::GeneratedCrateFiles;
use std::path::Path;
use std::process::Command;

#[derive(Default)]
pub struct Summary {
    machine: Vec<String>,
    goals: Vec<(String, String, String, bool)>,
    notes: Vec<String>,
    /// Lines of Rust in the GitHub crate, for the goal set against openapi-generator's.
    pub github_lines: Option<usize>,
    pub github_crate: Option<GeneratedCrateFiles>,
}

impl Summary {
    pub fn goal(&mut self, what: &str, target: &str, measured: String, met: bool) {
        self.goals.push((what.to_string(), target.to_string(), measured, met));
    }

    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    pub fn print(&self, work: &Path) {
        let mut md = String::from("| goal | target | measured | met |\n| --- | --- | --- | --- |\n");
        for (what, target, measured, met) in &self.goals {
            md.push_str(&format!("| {what} | {target} | {measured} | {} |\n", if *met { "yes" } else { "**no**" }));
        }
        println!("\n## Summary\n");
        for m in &self.machine {
            println!("{m}");
        }
        println!("\n{md}");
        for n in &self.notes {
            println!("note: {n}");
        }
        let path = work.join("summary.md");
        let text = format!("{}\n\n{md}", self.machine.join("\n"));
        if std::fs::create_dir_all(work).and_then(|_| std::fs::write(&path, text)).is_ok() {
            println!("(also written to {})", path.display());
        }
    }
}

pub fn print_machine(summary: &mut Summary) {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo.lines().find_map(|l| l.strip_prefix("model name")).map(|l| l.trim_start_matches([' ', '\t', ':']).to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gb = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0 / 1024.0);
    let rustc = Command::new("rustc").arg("-V").output().ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let line = format!(
        "machine: {} core(s) of {}, {} GiB RAM, {}, {}",
        cores,
        cpu.unwrap_or_else(|| "an unknown CPU".into()),
        mem_gb.map_or("?".into(), |g| format!("{g:.0}")),
        std::env::consts::OS,
        rustc.unwrap_or_else(|| "rustc ?".into())
    );
    println!("{line}");
    summary.machine.push(line);
}
