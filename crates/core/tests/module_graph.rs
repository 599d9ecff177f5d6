//! The dependency graph between top-level modules, read from the sources: the core's modules
//! depend only on lower layers, and neither the core nor the shell has a cycle.
//! Print it with `bash scripts/module-graph.sh` (this test with `--nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The core's layers, lowest first: a module may use modules of lower layers only.
const CORE_LAYERS: &[&[&str]] = &[
    &["kernel"],
    &["org"],
    &["leads"],
    &["notify"],
    &["dms"],
    &["routing"],
    &["followup", "intake", "campaigns"],
    &["documents"],
    &["privacy"],
    &["reports"],
    &["dev"],
    &["api"],
];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without its unit tests (`#[cfg(test)]` to the end of the file: tests may use
/// any module, like integration tests).
fn production_code(text: &str) -> &str {
    match text.find("\n#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// Every top-level module named after `crate::` (including `use crate::{a::…, b}`).
fn referenced_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found.retain(|n| !n.is_empty() && n.chars().next().is_some_and(|c| c.is_lowercase()));
    found
}

/// Edges between the top-level modules of the crate rooted at `src` (a file's module is its
/// first path component, without `.rs`).
fn graph(src: &Path, roots: &[&str]) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = first.to_string_lossy().trim_end_matches(".rs").to_string();
        if roots.contains(&module.as_str()) || relative.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let uses = graph.entry(module.clone()).or_default();
        for other in referenced_modules(production_code(&text)) {
            if other != module {
                uses.insert(other);
            }
        }
    }
    graph
}

fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

fn print(title: &str, graph: &Graph) {
    println!("{title}");
    for (module, uses) in graph {
        let list: Vec<&str> = uses.iter().map(String::as_str).collect();
        println!("  {module:<10} → {}", list.join(", "));
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn core_modules_depend_on_lower_layers_only() {
    let graph = graph(&root().join("src"), &["lib"]);
    print("carnet-core (module → what it uses):", &graph);
    let layer = |m: &str| CORE_LAYERS.iter().position(|l| l.contains(&m));
    let mut wrong = Vec::new();
    for (module, uses) in &graph {
        let Some(own) = layer(module) else {
            wrong.push(format!("{module} has no layer in CORE_LAYERS"));
            continue;
        };
        for used in uses {
            match layer(used) {
                Some(l) if l < own => {}
                _ => wrong.push(format!("{module} uses {used}")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies against the layers: {wrong:?}"
    );
    assert_eq!(cycle(&graph), None);
}

#[test]
fn shell_modules_have_no_cycle() {
    let graph = graph(&root().join("../../src-tauri"), &["main"]);
    print("carnet shell (module → what it uses):", &graph);
    assert_eq!(cycle(&graph), None, "a cycle between the shell's modules");
}

#[test]
fn the_reader_finds_grouped_imports_and_ignores_unit_tests() {
    let code = "use crate::{kernel::app::App, leads};\nfn f() { crate::org::sites::list(); }\n#[cfg(test)]\nmod tests { use crate::dev; }";
    let found = referenced_modules(production_code(code));
    let want: BTreeSet<String> = ["kernel", "leads", "org"].map(String::from).into();
    assert_eq!(found, want);
    let mut looped = Graph::new();
    looped.entry("a".into()).or_default().insert("b".into());
    looped.entry("b".into()).or_default().insert("a".into());
    assert_eq!(
        cycle(&looped),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
}
