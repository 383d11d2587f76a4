"""The synthetic region generator: one entry point, `region_build`, extended by adding steps.

    region_build(options=BuildOptions(size="small", seed=1))

See core.py for how steps share a build and keep it reproducible.
"""

from .core import (
    PUBLIC_SIZES,
    SIZES,
    STEPS,
    BuildOptions,
    BuildResult,
    Progress,
    RegionBuild,
    Step,
    region_build,
)
from .users import DEMO_PASSWORD

__all__ = [
    "DEMO_PASSWORD",
    "PUBLIC_SIZES",
    "SIZES",
    "STEPS",
    "BuildOptions",
    "BuildResult",
    "Progress",
    "RegionBuild",
    "Step",
    "region_build",
]
