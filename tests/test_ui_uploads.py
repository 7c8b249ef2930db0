"""Placing the chat's uploads (briefing.ui.uploads): checks before any write, one folder per content."""

from __future__ import annotations

from pathlib import Path

from briefing.ui.uploads import place_uploads, remove_stored, remove_temporary, sidecar_owner

TYPES = {".md", ".txt", ".html"}


def upload(tmp_path: Path, user: str, name: str, text: str) -> Path:
    """A file as the web server hands it over: in its own temporary folder, under the user's file name."""
    path = tmp_path / "server-temp" / user / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stored(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_same_name_from_two_users_keeps_both_files(tmp_path):
    folder = tmp_path / "uploads"
    ana = place_uploads([upload(tmp_path, "ana", "notes.md", "# Ana's story\n\nText A.")], folder, 10_000, TYPES)
    bo = place_uploads([upload(tmp_path, "bo", "notes.md", "# Bo's story\n\nText B.")], folder, 10_000, TYPES)
    assert ana.targets[0] != bo.targets[0] and ana.targets[0].name == bo.targets[0].name == "notes.md"
    assert ana.targets[0].read_text(encoding="utf-8").startswith("# Ana's")
    assert bo.targets[0].read_text(encoding="utf-8").startswith("# Bo's")
    assert len(stored(folder)) == 2


def test_the_same_content_uploaded_twice_is_one_file(tmp_path):
    folder = tmp_path / "uploads"
    first = place_uploads([upload(tmp_path, "ana", "a.md", "same")], folder, 10_000, TYPES)
    again = place_uploads([upload(tmp_path, "bo", "a.md", "same")], folder, 10_000, TYPES)
    assert first.targets == again.targets and first.created == {first.targets[0]} and again.created == set()
    assert len(stored(folder)) == 1


def test_too_large_and_unsupported_files_are_refused_before_anything_is_written(tmp_path):
    folder = tmp_path / "uploads"
    big = upload(tmp_path, "ana", "big.md", "x" * 2_001)
    exe = upload(tmp_path, "ana", "tool.exe", "MZ")
    bare = upload(tmp_path, "ana", "README", "no suffix")
    placed = place_uploads([big, exe, bare], folder, 2_000, TYPES)
    assert placed.targets == [] and stored(folder) == []
    reasons = dict(placed.refused)
    assert reasons["big.md"].startswith("file too large (0.0 MB; the limit is 0.0 MB")
    assert "BRIEFING_MAX_FILE_MB" in reasons["big.md"]
    assert reasons["tool.exe"].startswith("unsupported file type .exe; accepted: .html .md .txt")
    assert reasons["README"].startswith("unsupported file type (none)")


def test_a_sidecar_travels_with_its_article_and_a_lone_one_is_refused(tmp_path):
    folder = tmp_path / "uploads"
    art = upload(tmp_path, "ana", "story.html", "<p>x</p>")
    meta = upload(tmp_path, "ana", "story.meta.json", '{"outlet": "The Hill"}')
    lone = upload(tmp_path, "ana", "other.meta.json", "{}")
    placed = place_uploads([meta, art, lone], folder, 10_000, TYPES)
    assert [t.name for t in placed.targets] == ["story.html"]
    assert (placed.targets[0].parent / "story.meta.json").read_text(encoding="utf-8") == '{"outlet": "The Hill"}'
    assert placed.refused == [("other.meta.json", "a metadata sidecar needs its article in the same upload")]
    # another sidecar for the same article is another upload, not an overwrite of the first
    meta2 = upload(tmp_path, "bo", "story.meta.json", '{"outlet": "AI Daily"}')
    placed2 = place_uploads([upload(tmp_path, "bo", "story.html", "<p>x</p>"), meta2], folder, 10_000, TYPES)
    assert placed2.targets[0] != placed.targets[0] and len(stored(folder)) == 4


def test_sidecar_owner_matches_name_or_stem():
    assert sidecar_owner("a.html.meta.json", ["a.html", "b.md"]) == "a.html"
    assert sidecar_owner("b.meta.json", ["a.html", "b.md"]) == "b.md"
    assert sidecar_owner("c.meta.json", ["a.html", "b.md"]) is None


def test_remove_stored_deletes_only_what_this_batch_wrote(tmp_path):
    folder = tmp_path / "uploads"
    kept = place_uploads([upload(tmp_path, "ana", "a.md", "kept")], folder, 10_000, TYPES)
    placed = place_uploads([upload(tmp_path, "bo", "a.md", "kept"), upload(tmp_path, "bo", "b.md", "refused"),
                            upload(tmp_path, "bo", "b.meta.json", "{}")], folder, 10_000, TYPES)
    remove_stored(placed, placed.targets)  # both refused by ingest this time
    assert stored(folder) == [kept.targets[0].relative_to(folder)]  # the earlier upload of "kept" stays
    assert not (folder / placed.targets[1].parent.name).exists()  # the refused one's folder is gone


def test_remove_temporary_stays_inside_the_server_upload_folder(tmp_path):
    temp = tmp_path / "server-temp"
    inside = upload(tmp_path, "ana", "a.md", "x")
    outside = tmp_path / "elsewhere.md"
    outside.write_text("keep me", encoding="utf-8")
    remove_temporary([inside, outside, temp], temp)
    assert not inside.exists() and not inside.parent.exists()
    assert outside.exists() and temp.exists()
