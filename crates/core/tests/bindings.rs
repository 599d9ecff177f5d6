//! The UI's TypeScript types are generated from the Rust types; this test fails when the
//! committed file is stale. Regenerate with: UPDATE_BINDINGS=1 cargo test -p carnet-core --test bindings

use std::path::PathBuf;

fn generated() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p carnet-core --test bindings`. Do not edit.\n\n",
    );
    let mut decls = carnet_core::api::declarations();
    let twice: Vec<&String> = decls
        .iter()
        .map(|(n, _)| n)
        .filter(|n| n.ends_with("(name taken twice)"))
        .collect();
    assert!(
        twice.is_empty(),
        "two Rust types export the same TypeScript name: {twice:?}"
    );
    decls.sort();
    for (_, decl) in decls {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.push_str(&carnet_core::api::commands_ts());
    out.push('\n');
    out.push_str(&carnet_core::api::constants_ts());
    out
}

#[test]
fn typescript_bindings_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let want = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/lib/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p carnet-core --test bindings"
    );
}
