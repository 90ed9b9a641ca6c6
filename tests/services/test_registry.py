"""The services are declared once; every place that lists them follows the declaration."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import typing

import pytest

import fakeimports
from fakeimports.core.service import FakeService
from fakeimports.integrations import pytest_plugin
from fakeimports.integrations.boto import FakeRegistry
from fakeimports.services import BY_BOTO_NAME, SERVICES


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_each_declared_service_is_wired_everywhere(service: typing.Any) -> None:
    cls = service.load()
    assert issubclass(cls, FakeService) and cls.model.name == service.boto_name
    assert getattr(fakeimports, service.class_name) is cls
    assert service.class_name in fakeimports.__all__
    assert BY_BOTO_NAME[service.boto_name] is service
    registry = FakeRegistry()
    fake = getattr(registry, service.name)("eu-west-1")
    assert type(fake) is cls and fake is registry.fake(service.boto_name, "eu-west-1")
    assert hasattr(pytest_plugin, f"fake_{service.name}")


def test_type_checkers_see_the_same_accessors() -> None:
    """FakeRegistry's typed stubs (for mypy) name exactly the declared services."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(FakeRegistry))
    stubs = {
        node.name: ast.unparse(node.returns) if node.returns else ""
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.name != "fake"
        and not node.name.startswith("_")
    }
    assert stubs == {s.name: s.class_name for s in SERVICES}


def test_the_fixtures_serve_each_fake(pytester: pytest.Pytester) -> None:
    names = ", ".join(f"fake_{s.name}" for s in SERVICES)
    classes = ", ".join(s.class_name for s in SERVICES)
    pytester.makepyfile(
        f"""
        from fakeimports import {classes}

        def test_fixtures({names}):
            assert [type(f).__name__ for f in ({names},)] == {[s.class_name for s in SERVICES]!r}
        """
    )
    pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio").assert_outcomes(passed=1)


@pytest.mark.slow
def test_mypy_catches_a_misspelled_option(tmp_path: typing.Any) -> None:
    """Constructors take explicit keywords: a typo is a type error, not a silent no-op."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        textwrap.dedent(
            """
            from fakeimports import FakeSESv2
            FakeSESv2(clok=1)
            FakeSESv2(max_active_import_jobs=3, region_name="eu-west-1")
            """
        )
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(probe)],
        capture_output=True,
        text=True,
    )
    assert 'Unexpected keyword argument "clok"' in out.stdout, out.stdout
    assert out.stdout.count("error:") == 1, out.stdout


# Loaded with the first import that reads data (or row a control adds), not with the fake.
_READERS = [
    "json",
    "fakeimports.core.records",
    "fakeimports.services.cloudtrail.trail",
    "fakeimports.services.lexv2_models.archive",
    "fakeimports.services.mgn.imports",
    "fakeimports.services.sesv2.imports",
]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_importing_a_fake_loads_no_reader(service: typing.Any) -> None:
    code = (
        f"import sys; from fakeimports import {service.class_name}; "
        f"print(sorted(set({_READERS!r}) & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
