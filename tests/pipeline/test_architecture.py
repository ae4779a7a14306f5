"""The package's shape, read from its source with ast: stages only look back (reading <- scripting <- voicing,
narration (peers) <- mastering, listening (peers) <- publishing <- deploy, serving (peers)), the shared modules beside them import no
stage, and only build.py, cli.py, commands/ and the studio (an application of its own, with its own page) know every stage. A failure names the file and line of each offending import."""
from __future__ import annotations

import ast
from pathlib import Path

import podcast

PACKAGE = Path(podcast.__file__).parent
STAGE_RANK = {"reading": 0, "scripting": 1, "voicing": 2, "narration": 2, "mastering": 3, "listening": 3,
              "publishing": 4, "deploy": 5, "serving": 5}
"""Earlier stages have lower ranks; voicing and narration are peers, and neither may import the other, nor may
mastering and the listening check (both take the segments as voiced). Deploy and the preview server (serving)
take the built site to listeners: after publishing, peers of each other."""
ORCHESTRATORS = {"build", "cli", "commands", "episode", "heard_script", "studio", "__main__"}
"""May import anything: the only places that know every stage. The studio (podcast studio's web app, with its
own assets; its page is publishing's template) is one: it shows the script, plays the voicing's TTS and asks
narration for verdicts. episode.py (an episode folder read and scripted, the show's voices loaded) is where the
build and the commands start from; the paths inside a show's folder are the shared module folders.py, which
every stage may use. heard_script.py (the script as listeners hear it: takes judged, statement worded, announcements)
combines scripting, narration and voicing for the build and `podcast status`."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at the top, in functions or under
    TYPE_CHECKING alike."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module is None:  # from . import a, b: each name is a module
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return found


def part_of(module: str) -> str | None:
    """The top-level part of the package a module belongs to ("voicing", "audio", "build", ...)."""
    parts = module.split(".")
    return parts[1] if parts[0] == "podcast" and len(parts) > 1 else None


def forbidden(importer: str, imported: str) -> str | None:
    """Why importer (a part of the package) may not import imported, or None when it may."""
    if importer in ORCHESTRATORS or importer == imported:
        return None
    if imported in ORCHESTRATORS:
        return f"only {', '.join(sorted(ORCHESTRATORS))} may import {imported}"
    if importer not in STAGE_RANK:
        return f"the shared module {importer} imports the stage {imported}" if imported in STAGE_RANK else None
    if imported not in STAGE_RANK:
        return None  # stages use the shared modules
    if STAGE_RANK[imported] == STAGE_RANK[importer]:
        return f"{importer} and {imported} are peers: neither imports the other"
    if STAGE_RANK[imported] > STAGE_RANK[importer]:
        return f"{importer} imports {imported}, a later stage"
    return None


def offending_imports() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = part_of(module_name(path)) or module_name(path)
        for line, module in imported_modules(path):
            imported = part_of(module)
            why = forbidden(importer, imported) if imported else None
            if why:
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line}: import of {module}: {why}")
    return problems


def test_stages_import_only_earlier_stages_and_shared_modules():
    problems = offending_imports()
    assert not problems, "imports against the pipeline's direction:\n" + "\n".join(problems)


def test_the_rule_catches_forward_sideways_and_shared_imports():
    assert forbidden("narration", "mastering") == "narration imports mastering, a later stage"
    assert forbidden("voicing", "narration") == "voicing and narration are peers: neither imports the other"
    assert forbidden("audio", "voicing") == "the shared module audio imports the stage voicing"
    assert forbidden("publishing", "build") is not None
    assert forbidden("publishing", "narration") is None and forbidden("mastering", "audio") is None
    assert forbidden("commands", "publishing") is None
    assert forbidden("deploy", "publishing") is None and forbidden("publishing", "deploy") is not None
    assert forbidden("publishing", "serving") is not None
    assert forbidden("studio", "narration") is None and forbidden("studio", "voicing") is None
    assert forbidden("narration", "studio") is not None and forbidden("publishing", "studio") is not None
    assert forbidden("narration", "episode") is not None and forbidden("narration", "folders") is None


def test_relative_imports_resolve_to_the_modules_they_name():
    status = {m for _, m in imported_modules(PACKAGE / "narration" / "status.py")}
    assert {"podcast.audio", "podcast.scripting", "podcast.narration.decoding"} <= status
    engines = {m for _, m in imported_modules(PACKAGE / "voicing" / "engines" / "__init__.py")}
    assert "podcast.voicing.engines.base" in engines


def test_only_the_files_module_renames_files_into_place():
    """One atomic writer: os.replace appears in podcast/files.py and nowhere else."""
    users = sorted(str(path.relative_to(PACKAGE.parent)) for path in PACKAGE.rglob("*.py")
                   if any(isinstance(node, ast.Attribute) and node.attr in ("replace", "rename")
                          and isinstance(node.value, ast.Name) and node.value.id == "os"
                          for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    assert users == ["podcast/files.py"]


def files_naming(name: str) -> list[str]:
    """The package's files that call `name` or take it as an attribute (`jinja2.Environment`) or import it."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.Name) and node.id == name or isinstance(node, ast.Attribute) and node.attr == name
               or isinstance(node, ast.ImportFrom) and any(alias.name == name for alias in node.names)
               for node in ast.walk(tree)):
            found.append(str(path.relative_to(PACKAGE.parent)))
    return found


def test_one_module_builds_the_recognizers():
    """pocketsphinx's Decoder and faster-whisper's WhisperModel are set up in podcast/recognition.py alone, whoever
    needs one."""
    assert files_naming("Decoder") == ["podcast/recognition.py"]
    assert files_naming("WhisperModel") == ["podcast/recognition.py"]


def test_every_page_comes_from_one_jinja_environment():
    """The site's pages, the review page, the recording script and the studio's page are all rendered by
    publishing/templating.py's environment (autoescaped, StrictUndefined)."""
    assert files_naming("Environment") == ["podcast/publishing/templating.py"]


def test_init_files_only_hand_names_on():
    """A package's __init__.py holds its docstring, imports and __all__: the logic lives in modules named for
    their job, where a newcomer looks for it."""
    for path in sorted(PACKAGE.rglob("__init__.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            handing_on = (isinstance(node, (ast.Import, ast.ImportFrom))
                          or isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                          or isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["__all__"])
            assert handing_on, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: logic in __init__.py"
