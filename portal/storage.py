"""The static files' storage in production: whitenoise's hashed, compressed files, with each
name's URL worked out once a process.

A page names the same few files on every render (the stylesheets and scripts in
``base.html``), and the manifest storage joins and quotes each URL anew: about a seventh of
the login page's time (issue 12). The manifest cannot change while the process runs
(``collectstatic`` runs before the workers start), so the URL of a name never changes either.
"""

from functools import lru_cache

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._url_of = lru_cache(maxsize=512)(super().url)

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        return self._url_of(name)
