"""Asset manifests (one data asset and its intended flows) and the project file ``compliance.yaml``.

The manifest is what the data owner declares; rules read it as the ``manifest.*`` and ``flow.*``
facts (docs/manifest-format.md, schemas/asset-manifest.schema.json).
"""

from .loader import PROJECT_FILE, check_against_pack, find_project, load_manifest, load_project
from .model import Flow, Manifest, Project, is_url

__all__ = [
    "PROJECT_FILE",
    "Flow",
    "Manifest",
    "Project",
    "check_against_pack",
    "find_project",
    "is_url",
    "load_manifest",
    "load_project",
]
