"""resources/ and seeds/ are found from a checkout and from an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT
from workbench.core.resources import resources_dir, seeds_dir


def test_found_from_checkout():
    assert resources_dir() == ROOT / "resources"
    assert (seeds_dir() / "004_2c1d2e21fcbb52ad.txt").is_file()
    shared = ROOT.parent / "shared" / "seeds"
    if shared.is_dir():  # the sample corpus is the shared seeds, names unchanged
        for original in shared.iterdir():
            assert (seeds_dir() / original.name).read_bytes() == original.read_bytes()


@pytest.mark.slow
def test_wheel_carries_resources_and_seeds(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist")], check=True, capture_output=True, timeout=300)
    [wheel] = (tmp_path / "dist").glob("workbench-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "workbench/_data/seeds/004_2c1d2e21fcbb52ad.txt" in names
    assert "workbench/_data/resources/README.md" in names
    assert not any(n.startswith(("tests/", ".venv")) for n in names)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    probe = (f"import sys; sys.path.insert(0, {str(site)!r}); "
             "from workbench.core.resources import seeds_dir, resources_dir; print(seeds_dir()); print(resources_dir())")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                         check=True).stdout.split()
    assert out == [str(site / "workbench/_data/seeds"), str(site / "workbench/_data/resources")]
