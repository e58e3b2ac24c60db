"""Only for the optional compiled build; everything else is in pyproject.toml.

``TAHUB_COMPILE=1 pip install --no-build-isolation .`` (with mypy installed and a C
compiler) compiles detection's hot modules with mypyc (``streams/native.py`` lists them
and says why); without it the install is pure Python, as a developer's editable one.
"""

import os
import runpy

from setuptools import setup

ext_modules = []
if os.environ.get("TAHUB_COMPILE") == "1":
    from mypyc.build import mypycify

    native = runpy.run_path("streams/native.py")
    ext_modules = mypycify(native["sources"](native["Path"](".")), opt_level="3")

setup(ext_modules=ext_modules)
