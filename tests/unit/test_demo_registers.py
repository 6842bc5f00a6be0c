"""The demo's register files: whatever data/registers holds, CBS municipalities first, then DUO,
then ROR; the release descriptions and the provinces table (the vocabulary's) are no input."""

from __future__ import annotations

from pathlib import Path

from kennisgraaf.cli.demo import register_inputs

ROOT = Path(__file__).resolve().parents[2]


def _touch(folder: Path, *names: str, text: str = "") -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _duo(folder: Path, name: str, *codes: str) -> None:
    rows = [f"{code[:4]};{code}" for code in codes]
    _touch(folder, f"duo/{name}", text="\n".join(["INSTELLINGSCODE;VESTIGINGSCODE", *rows]) + "\n")


# Mutations caught: globbing ror/*.json* without leaving out release.json loads it as ROR
# records; keeping every DUO file loads the excerpt beside the file it was cut from.
def test_register_files_in_load_order_whatever_the_folders_hold(tmp_path: Path) -> None:
    _touch(tmp_path, "ror/ror-nl.json.gz", "ror/release.json", "duo/release.json", "duo/README.md",
           "cbs/provinces.csv", "cbs/municipalities.csv", "cbs/release.json")  # fmt: skip
    _duo(tmp_path, "alle-vestigingen-vo.csv", "18BR00", "18BR01", "20LO00")
    _duo(tmp_path, "alle-vestigingen-vo-drenthe.csv", "18BR01", "18BR00")  # an excerpt of it
    _duo(tmp_path, "alle-vestigingen-po.csv", "01AB00")
    found = [(p.relative_to(tmp_path).as_posix(), kind) for p, kind in register_inputs(tmp_path)]
    assert found == [
        ("cbs/municipalities.csv", "cbs-regions"),
        ("duo/alle-vestigingen-po.csv", "duo"),
        ("duo/alle-vestigingen-vo.csv", "duo"),
        ("ror/ror-nl.json.gz", "ror"),
    ]


def test_of_two_duo_files_with_the_same_locations_one_is_loaded(tmp_path: Path) -> None:
    _duo(tmp_path, "b.csv", "18BR00")
    _duo(tmp_path, "a.csv", "18BR00")
    assert [p.name for p, _ in register_inputs(tmp_path)] == ["a.csv"]


def test_the_checkout_ships_a_file_of_each_register() -> None:
    kinds = [kind for _, kind in register_inputs(ROOT / "data" / "registers")]
    assert set(kinds) == {"cbs-regions", "duo", "ror"}
    assert kinds == sorted(kinds, key=["cbs-regions", "duo", "ror"].index)
