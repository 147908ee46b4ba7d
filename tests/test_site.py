"""`peaceplan site`: a static site of the bundled plans whose every link resolves."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import peaceplan
from peaceplan.library import Library

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(page: Path) -> tuple[list[str], int]:
    """The href/src values of a page and how many script tags it has."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links, parser.scripts


def broken_links(site: Path) -> list[str]:
    """Every link of every page that does not resolve to a file of the site (or an anchor)."""
    broken = []
    for page in site.rglob("*.html"):
        for link in links_of(page)[0]:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme, f"{page}: {link}"  # relative links only
            if not parts.path:
                continue  # an anchor on the page itself
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site)} -> {link}")
    return broken


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    peaceplan.build_site(out, plans=PLANS)
    return out


def test_cli_writes_an_index_linking_every_version(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run("site", "-o", str(out))
    assert code == 0, stderr
    assert "wrote" in stdout
    index = out / "index.html"
    assert index.is_file()
    links, scripts = links_of(index)
    assert scripts == 0
    targets = {(index.parent / link).resolve() for link in links}
    lib = Library.open(PLANS)
    for plan in lib.plans():
        for ref in lib.versions(plan):
            page = (out / plan / "v" / f"{ref.version}.html").resolve()
            assert page in targets, ref.qualified
            assert page.is_file()
    assert broken_links(out) == []


def test_every_link_of_every_page_resolves(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    assert broken_links(site) == []
    assert all(links_of(p)[1] == 0 for p in pages)  # no script anywhere


def test_the_us28_to_ua20_diff_page_shows_the_army_figure(site: Path) -> None:
    page = site / "ukraine-2025" / "diff" / "us-28..ua-20.html"
    html = page.read_text(encoding="utf-8")
    assert "600,000 personnel" in html and "800,000 personnel" in html
    assert html.index("600,000 personnel") < html.index("800,000 personnel")
    # and every consecutive pair has its page
    for pair in ("us-28..geneva-19", "geneva-19..ua-20", "us-28..e3-counter", "minsk-1..minsk-2"):
        plan = "minsk" if "minsk" in pair else "ukraine-2025"
        assert (site / plan / "diff" / f"{pair}.html").is_file(), pair


def test_point_page_has_history_blame_and_positions(site: Path) -> None:
    html = (site / "ukraine-2025" / "point" / "us-28--armed-forces.html").read_text("utf-8")
    assert "Size of the armed forces" in html
    for version in ("us-28", "e3-counter", "geneva-19", "ua-20"):
        assert version in html
    assert "ua-20 #4 &lt;- geneva-19 armed-forces &lt;- us-28 #6" in html  # the blame chain
    assert "accepts" in html  # a party's position from the notes


def test_version_page_has_text_sources_and_notes(site: Path) -> None:
    html = (site / "ukraine-2025" / "v" / "ua-20.html").read_text("utf-8")
    assert "800,000" in html
    assert "Sources" in html and "Notes" in html
    assert "partial" in (site / "ukraine-2025" / "v" / "geneva-19.html").read_text("utf-8")


def test_a_published_site_says_the_lineage_problem_without_the_builders_folders(
    scratch_plans: Path, tmp_path: Path
) -> None:
    # The site showed the warning nowhere but on the matrix page, with the absolute path of the
    # machine that built it (/home/someone/...). Now the negotiation's front page, the matrix,
    # the figures and the flow say it, naming the file as NEGOTIATION/FILE.
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    minsk2.write_text(minsk2.read_text().replace("based_on: [minsk-1]", "based_on: [minsk-0]"))
    out = tmp_path / "site"
    report = peaceplan.build_site(out, "minsk", plans=scratch_plans)
    assert report.problems and str(report.problems[0]).startswith(str(minsk2))
    said = "warning: minsk/minsk-2.yaml:15:12: based_on names no version: &#x27;minsk-0&#x27;"
    for page in ("index.html", "matrix.html", "figures.html", "flow.svg"):
        text = (out / "minsk" / page).read_text("utf-8")
        assert said in text, page
        assert str(scratch_plans) not in text, page


def test_a_published_site_says_a_based_on_naming_no_version_of_another_negotiation(
    scratch_plans: Path, tmp_path: Path
) -> None:
    # minsk-2 based on ukraine-2025/minsk-1 (no such version): validate says so since 46c1d85,
    # the site said nothing, and showed minsk-2 as a version with no parent without a word
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    text = minsk2.read_text().replace("based_on: [minsk-1]", "based_on: [ukraine-2025/minsk-1]")
    minsk2.write_text(text)
    out = tmp_path / "site"
    report = peaceplan.build_site(out, "minsk", plans=scratch_plans)
    assert [p.message.split(";")[0] for p in report.problems] == [
        "based_on names no version: 'ukraine-2025/minsk-1'"
    ]
    said = "minsk/minsk-2.yaml:15:12: based_on names no version: &#x27;ukraine-2025/minsk-1&#x27;"
    for page in ("index.html", "matrix.html", "figures.html", "flow.svg"):
        assert said in (out / "minsk" / page).read_text("utf-8"), page
    # a version another negotiation has: no warning
    minsk2.write_text(text.replace("ukraine-2025/minsk-1", "ukraine-2025/us-28"))
    assert peaceplan.build_site(out, "minsk", plans=scratch_plans).problems == ()


def test_notes_keep_quote_body_certainty_note_and_source(site: Path) -> None:
    # A note's cell showed its body or else its quote: the E3's quote "800,000" was dropped
    # beside its body, the reason a position is uncertain was never shown, and the point page
    # left out every note's source.
    version = (site / "ukraine-2025" / "v" / "e3-counter.html").read_text("utf-8")
    point = (site / "ukraine-2025" / "point" / "us-28--armed-forces.html").read_text("utf-8")
    for html in (version, point):
        assert "<th>quote</th>" in html and "<th>source</th>" in html
        assert "<td>800,000</td>" in html
        assert "<td>The E3 raise the cap to 800,000 in peacetime.</td>" in html
        assert "uanews.net/en/post/143124" in html
        assert "uncertain: Ushakov (24 November) rejected the European text as a whole" in html
    # no quote on any note of a version (geneva-19's ten): no empty quote column
    geneva = (site / "ukraine-2025" / "v" / "geneva-19.html").read_text("utf-8")
    assert "<h3>Notes</h3>" in geneva and "<th>quote</th>" not in geneva


def test_flow_and_charts_are_well_formed_svg(site: Path) -> None:
    root = ET.parse(site / "ukraine-2025" / "flow.svg").getroot()
    assert root.tag.endswith("svg")
    status = (site / "ukraine-2025" / "status.html").read_text("utf-8")
    svg = status[status.index("<svg") : status.index("</svg>") + 6]
    ET.fromstring(svg)
    figures = (site / "ukraine-2025" / "figures.html").read_text("utf-8")
    assert "600,000 personnel" in figures


def test_refuses_a_folder_that_is_not_a_site(run, tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    code, stdout, stderr = run("site", "-o", str(out))
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and "not a peaceplan site" in stderr
    assert "Traceback" not in stderr
    assert (out / "thesis.txt").read_text() == "years of work"
    assert [p.name for p in out.iterdir()] == ["thesis.txt"]
    code, _, _ = run("site", "-o", str(out), "--force")
    assert code == 0
    assert (out / "index.html").is_file() and not (out / "thesis.txt").exists()


def test_rebuilds_over_its_own_site_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    peaceplan.build_site(out, plans=PLANS)
    (out / "ukraine-2025" / "stale.html").write_text("old")
    report = peaceplan.build_site(out, ["minsk"], plans=PLANS)
    assert report.negotiations == ("minsk",) and report.kept == ()
    assert not (out / "ukraine-2025").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_rebuild_keeps_the_files_a_user_added_at_the_top(run, tmp_path: Path) -> None:
    # A site published from a branch folder carries a CNAME (GitHub Pages' custom domain): each
    # rebuild deleted it. What peaceplan did not write at the top is carried over, and said;
    # what cannot be carried is named on standard error, never dropped without a word.
    out = tmp_path / "site"
    assert run("site", "-o", str(out))[0] == 0
    (out / "CNAME").write_text("plans.example.org\n")
    (out / "robots.txt").write_text("User-agent: *\n")
    (out / "assets").mkdir()
    (out / "assets" / "logo.svg").write_text("<svg/>")
    os.symlink("/etc/passwd", out / "assets" / "inner-link")
    (out / "minsk" / "extra.html").write_text("inside a negotiation's folder: peaceplan's")
    os.symlink("/etc/passwd", out / "link.txt")
    (out / "INDEX.HTML").write_text("a case-only twin of the front page")
    code, said, err = run("site", "-o", str(out))
    assert code == 0, err
    assert (
        "kept CNAME, assets/, robots.txt from the earlier site (not written by peaceplan)" in said
    )
    assert err == (
        "warning: not kept from the earlier site: INDEX.HTML (the new site has a 'index.html' "
        "of its own)\nwarning: not kept from the earlier site: link.txt (a symbolic link)\n"
    )
    assert (out / "CNAME").read_text() == "plans.example.org\n"
    assert (out / "robots.txt").is_file() and (out / "assets" / "logo.svg").read_text() == "<svg/>"
    # a link inside a kept folder stays a link: never followed, /etc/passwd is not copied in
    assert os.readlink(out / "assets" / "inner-link") == "/etc/passwd"
    # ...nor is the mode of a folder it points to changed (the site's folders are chmod-ed)
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    os.symlink(target, out / "assets" / "dir-link")
    os.chmod(out / "assets", 0o750)
    assert run("site", "-o", str(out))[0] == 0
    assert (target.stat().st_mode & 0o777) == 0o700
    assert (out / "assets").stat().st_mode & 0o777 == 0o750 and (
        out / "assets" / "dir-link"
    ).is_symlink()
    os.unlink(out / "assets" / "dir-link")
    assert not (out / "minsk" / "extra.html").exists()
    assert not (out / "link.txt").exists() and not (out / "link.txt").is_symlink()
    # what peaceplan wrote is listed in the marker, never mistaken for a user's
    marker = json.loads((out / ".peaceplan-site").read_text())
    assert marker["files"] == [".peaceplan-site", "index.html", "minsk", "ukraine-2025"]
    code, said, err = run("site", "minsk", "-o", str(out))
    assert code == 0, err
    # the earlier build's folder is peaceplan's: it goes, and that is said, not done silently
    assert "removed ukraine-2025/ from the earlier site (not in this one)" in said
    assert not (out / "ukraine-2025").exists()
    assert run("site", "-o", str(out))[0] == 0
    report = peaceplan.build_site(out, ["minsk"], plans=PLANS)
    assert report.kept == ("CNAME", "assets/", "robots.txt") and report.dropped == ()
    assert report.removed == ("ukraine-2025/",)
    assert "removed from the earlier site (not in this one): ukraine-2025/" in (
        report._repr_html_()
    )
    assert "kept from the earlier site: CNAME, assets/, robots.txt" in report._repr_html_()
    # --force over a folder that is not a site replaces it whole: nothing is "kept" there
    other = tmp_path / "other"
    other.mkdir()
    (other / "CNAME").write_text("x")
    assert peaceplan.build_site(other, plans=PLANS, force=True).kept == ()
    assert not (other / "CNAME").exists()


def test_a_rebuild_leaves_out_a_named_pipe_in_a_user_folder_and_says_so(
    run, tmp_path: Path
) -> None:
    # copytree refused the pipe and the rebuild failed with a Python list of errors for a message
    out = tmp_path / "site"
    peaceplan.build_site(out, ["minsk"], plans=PLANS)
    (out / "assets" / "sub").mkdir(parents=True)
    (out / "assets" / "sub" / "logo.svg").write_text("<svg/>")
    os.mkfifo(out / "assets" / "sub" / "pipe")
    code, _, err = run("site", "minsk", "-o", str(out))
    assert (code, err) == (
        0,
        "warning: not kept from the earlier site: assets/sub/pipe (not a file or folder)\n",
    )
    assert (out / "assets" / "sub" / "logo.svg").read_text() == "<svg/>"
    assert not (out / "assets" / "sub" / "pipe").exists()


def test_a_file_of_a_user_folder_that_cannot_be_copied_is_one_line(
    run, tmp_path: Path, monkeypatch
) -> None:
    # (an unreadable file: root reads every file, so copytree's error is made here)
    out = tmp_path / "site"
    peaceplan.build_site(out, ["minsk"], plans=PLANS)
    (out / "assets").mkdir()
    bad = out / "assets" / "secret"
    bad.write_text("x")

    def refuse(src: str, dst: str, **kw: object) -> None:
        raise shutil.Error([(str(bad), dst, "[Errno 13] Permission denied")])

    monkeypatch.setattr("peaceplan.site.shutil.copytree", refuse)
    code, out_, err = run("site", "minsk", "-o", str(out))
    assert (code, out_) == (2, "")
    assert err == f"{bad}: cannot be carried into the new site: [Errno 13] Permission denied\n"
    assert bad.read_text() == "x" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_folder_that_is_a_symbolic_link_is_refused(run, tmp_path: Path) -> None:
    # the link was renamed aside and left there as .site.old.xxxx, a folder put in its place,
    # and the site it pointed to never rebuilt
    real = tmp_path / "real"
    peaceplan.build_site(real, ["minsk"], plans=PLANS)
    os.symlink("real", tmp_path / "site")
    code, out, err = run("site", "minsk", "-o", f"{tmp_path / 'site'}/")
    assert (code, out) == (2, "")
    assert err == f"{tmp_path / 'site'}/: a symbolic link (to real); not followed: " + (
        "give the folder it points to\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real", "site"]
    assert os.readlink(tmp_path / "site") == "real"


def test_an_earlier_site_that_cannot_be_deleted_is_named_not_left_silently(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The earlier site is moved aside, then deleted with errors ignored: a read-only folder in
    # it (for a user other than root) left a .site.old.* folder behind without a word. Deleting
    # fails here on purpose: the folder is named on stderr and in SiteReport.leftover.
    import peaceplan.site

    out = tmp_path / "site"
    peaceplan.build_site(out, ["minsk"], plans=PLANS)
    monkeypatch.setattr(peaceplan.site.shutil, "rmtree", lambda *a, **k: None)
    report = peaceplan.build_site(out, ["minsk"], plans=PLANS)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith(".site.old.")]
    assert [str(p) for p in aside] == [report.leftover]
    code, _, err = run("site", "minsk", "-o", str(out))
    assert code == 0
    assert (
        err.startswith("warning: the earlier site, moved aside to ") and "delete it by hand" in err
    )


def test_deleting_an_earlier_site_never_changes_what_a_link_in_it_points_to(
    tmp_path: Path,
) -> None:
    # Read-only folders are made writable before the earlier site is deleted; a link to a
    # folder elsewhere is not followed (its mode stays), and the link itself goes.
    out = tmp_path / "site"
    peaceplan.build_site(out, ["minsk"], plans=PLANS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o555)
    (out / "assets").mkdir()
    os.symlink(elsewhere, out / "assets" / "link")
    os.chmod(out / "assets", 0o555)
    report = peaceplan.build_site(out, ["minsk"], plans=PLANS)
    assert report.leftover is None and report.kept == ("assets/",)
    assert elsewhere.stat().st_mode & 0o777 == 0o555
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "site"]


def test_a_marker_from_before_the_list_keeps_user_files_not_old_pages(tmp_path: Path) -> None:
    # A site built before the marker listed its files: its negotiations' folders are peaceplan's
    out = tmp_path / "site"
    peaceplan.build_site(out, plans=PLANS)
    marker = {"generator": "peaceplan site", "negotiations": ["minsk", "ukraine-2025"]}
    (out / ".peaceplan-site").write_text(json.dumps(marker))
    (out / "CNAME").write_text("plans.example.org\n")
    report = peaceplan.build_site(out, ["minsk"], plans=PLANS)
    assert report.kept == ("CNAME",) and report.dropped == ()
    assert not (out / "ukraine-2025").exists()


def test_a_hand_edited_marker_listing_a_users_file_does_not_delete_it(tmp_path: Path) -> None:
    # A marker edited by hand (or by a script) to list CNAME as peaceplan's: the rebuild took
    # its word and deleted the custom domain without a word. peaceplan writes no file at the
    # top but the front page and the marker, nor any link: those are a user's, whatever it says.
    out = tmp_path / "site"
    peaceplan.build_site(out, ["minsk"], plans=PLANS)
    marker = json.loads((out / ".peaceplan-site").read_text())
    marker["files"] += ["CNAME", "docs"]
    (out / ".peaceplan-site").write_text(json.dumps(marker))
    (out / "CNAME").write_text("plans.example.org\n")
    os.symlink(tmp_path, out / "docs")
    report = peaceplan.build_site(out, ["minsk"], plans=PLANS)
    assert report.kept == ("CNAME",) and report.removed == ()
    assert report.dropped == ("docs (a symbolic link)",)
    assert (out / "CNAME").read_text() == "plans.example.org\n"


@pytest.mark.parametrize("files", ["null", "5", '"index.html"', "{}"])
def test_a_marker_whose_files_is_not_a_list_is_no_list(files: str, tmp_path: Path) -> None:
    # "files" of a hand-edited marker that is not a list (null, a number) was iterated: a
    # TypeError, an internal error instead of the rebuild; it lists nothing, so all is kept
    out = tmp_path / "site"
    peaceplan.build_site(out, ["minsk"], plans=PLANS)
    (out / ".peaceplan-site").write_text(f'{{"generator": "peaceplan site", "files": {files}}}')
    (out / "CNAME").write_text("plans.example.org\n")
    assert peaceplan.build_site(out, ["minsk"], plans=PLANS).kept == ("CNAME",)
    assert (out / "CNAME").read_text() == "plans.example.org\n"


def test_never_writes_over_the_plans_folder(run, scratch_plans: Path) -> None:
    code, _, stderr = run("site", "-o", str(scratch_plans.parent), "--force", plans=scratch_plans)
    assert code == 2 and "plans folder" in stderr
    assert (scratch_plans / "ukraine-2025" / "us-28.yaml").is_file()


@pytest.mark.parametrize("where", ["cwd", "parent", "home"])
def test_force_never_replaces_the_current_or_home_folder(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # `-o ~ --force` (for -o ~/site) replaced the whole home folder with the site, and `-o .`
    # pulled the current folder from under the shell; both are refused, --force or not
    home, work = tmp_path / "home", tmp_path / "work" / "here"
    for folder in (home, work):
        folder.mkdir(parents=True)
        (folder / "thesis.txt").write_text("years of work")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    out = {"cwd": ".", "parent": "..", "home": str(home)}[where]
    code, stdout, stderr = run("site", "-o", out, "--force")
    assert code == 2 and stdout == "", stderr
    assert stderr.count("\n") == 1 and "choose another folder" in stderr
    assert (work / "thesis.txt").read_text() == (home / "thesis.txt").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "work"]
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["here"]


@pytest.mark.parametrize("inside", ["minsk", "site", "ukraine-2025/notes"])
def test_never_writes_inside_the_plans_folder(run, scratch_plans: Path, inside: str) -> None:
    # `-o plans/minsk --force` used to replace the minsk plan files with the site; a site
    # anywhere under plans/ is refused, --force or not, and nothing there is touched
    before = sorted(p.relative_to(scratch_plans) for p in scratch_plans.rglob("*"))
    for force in ((), ("--force",)):
        out = str(scratch_plans / inside)
        code, stdout, stderr = run("site", "-o", out, *force, plans=scratch_plans)
        assert code == 2 and stdout == "", stderr
        assert stderr.count("\n") == 1 and "inside the plans folder" in stderr
    assert sorted(p.relative_to(scratch_plans) for p in scratch_plans.rglob("*")) == before


def test_unknown_plan_is_one_line_exit_2(run, tmp_path: Path) -> None:
    code, stdout, stderr = run("site", "ukrane-2025", "-o", str(tmp_path / "out"))
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and "ukraine-2025" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [("site", "-o", "out"), ("site", "minsk", "-o", "out"), ("matrix", "minsk"), ("flow", "minsk")],
)
def test_outside_a_plans_folder_says_so(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    # with no plans/ here or above, the site said "the plans folder has none" and the matrix
    # "minsk: no such plan", as if a plans folder had been found and searched
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PEACEPLAN_PLANS", raising=False)
    code, out, err = run(*args, plans=None)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "no plans folder here (./plans or above); use --plans DIR" in err, err
    assert not (tmp_path / "out").exists()


def test_one_name_as_a_string_is_one_negotiation(tmp_path: Path) -> None:
    # build_site(out, "minsk") iterated the string: "m: no such plan"
    report = peaceplan.build_site(tmp_path / "out", "minsk", plans=PLANS)
    assert report.negotiations == ("minsk",)
    from peaceplan.site import site_pages

    assert set(site_pages(PLANS, "us-28")) == set(site_pages(PLANS, ["ukraine-2025"]))


def test_a_version_name_publishes_its_negotiation(tmp_path: Path) -> None:
    report = peaceplan.build_site(tmp_path / "out", ["us-28"], plans=PLANS)
    assert report.negotiations == ("ukraine-2025",)
    assert (tmp_path / "out" / "ukraine-2025" / "index.html").is_file()


def test_hostile_text_stays_text_and_odd_keys_make_safe_file_names(tmp_path: Path) -> None:
    plans = tmp_path / "plans" / "evil"
    plans.mkdir(parents=True)
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    (plans / "a.yaml").write_text(
        "plan: evil\nversion: a\npoints:\n"
        f"  - id: 'a:..:b'\n    title: '{payload}'\n"
        f"    text: 'Cap of 600,000. {payload}'\n",
        encoding="utf-8",
    )
    (plans / "b.yaml").write_text(
        "plan: evil\nversion: b\nbased_on: [a]\npoints:\n"
        f"  - id: 'a:..:b'\n    title: '{payload}'\n"
        f"    text: 'Cap of 800,000. {payload}'\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    peaceplan.build_site(out, plans=tmp_path / "plans")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(out in p.parents or (tmp_path / "plans") in p.parents for p in files)
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script" not in html and "<img" not in html, page
    assert broken_links(out) == []
    ET.parse(out / "evil" / "flow.svg")


def test_open_hands_the_front_page_to_the_browser(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    seen = tmp_path / "opened.txt"
    opener = tmp_path / "opener.py"
    opener.write_text(
        f"import sys, pathlib; pathlib.Path({str(seen)!r}).write_text(sys.argv[1])\n",
        encoding="utf-8",
    )
    env = {**os.environ, "BROWSER": f"{sys.executable} {opener} %s", "DISPLAY": ""}
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "peaceplan", "--plans", str(PLANS), "site", "-o", str(out)]
    done = subprocess.run([*cmd, "--open"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    for _ in range(100):  # the browser is started in the background
        if seen.is_file() and seen.read_text():
            break
        time.sleep(0.1)
    assert seen.read_text() == (out / "index.html").resolve().as_uri()


def test_file_names_never_collide() -> None:
    from peaceplan.render.site_paths import Paths, slug

    p = Paths("n")
    assert p.diff("x..y", "z") != p.diff("x", "y..z")
    assert p.point("a--b:c") != p.point("a:b--c")
    assert slug("us-28") == "us-28" and slug("a:b") != slug("a_b")


@pytest.mark.parametrize("name", ["index.html", "INDEX.HTML"])
def test_a_negotiation_named_like_the_front_page_gets_its_own_folder(
    tmp_path: Path, name: str
) -> None:
    # a negotiation may be called index.html (a valid name): its folder took the front page's
    # place, and the build failed with ".s.85rtdyro/index.html: Is a directory"; a
    # case-insensitive disk (macOS, Windows) has the same clash with INDEX.HTML
    plans = tmp_path / "plans"
    (plans / name).mkdir(parents=True)
    for src in (PLANS / "minsk").glob("*.yaml"):
        text = src.read_text(encoding="utf-8").replace("plan: minsk\n", f"plan: {name}\n")
        (plans / name / src.name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    report = peaceplan.build_site(out, plans=plans)
    assert report.negotiations == (name,)
    assert (out / "index.html").is_file()
    assert not any(p.name.lower() == "index.html" for p in out.iterdir() if p.is_dir())
    assert broken_links(out) == []


def test_names_differing_in_case_only_get_different_files() -> None:
    # versions V1 and v1 (both valid, distinct names) shared v/V1.html and v/v1.html, one file
    # on a macOS or Windows disk: one page silently replaced the other
    from peaceplan.render.site_paths import Paths, slug

    assert slug("V1").lower() != slug("v1").lower()
    assert slug("Minsk").lower() != slug("minsk").lower()
    assert slug("us-28") == "us-28"  # lower-case names keep their plain file names
    p = Paths("talks")
    assert p.version("Draft").lower() != p.version("draft").lower()
    assert Paths("Talks").index().lower() != Paths("talks").index().lower()
