"""What each input file gave, for report.json: articles read, rows skipped, duplicates dropped."""

from __future__ import annotations

from ..corpus import Skipped


class InputReport:
    """Per input file: articles read, rows skipped and why, notes, duplicates, articles out of range.

    report.json lists the files of many articles (exports, feeds, standard input) and any
    file with something to say; a file of one article read cleanly is only counted.
    """

    def __init__(self):
        self.files: dict[str, dict] = {}
        self.duplicates = 0
        self.out_of_range = 0

    def _entry(self, path: str) -> dict:
        entry = self.files.get(path)
        if entry is None:
            entry = self.files[path] = {
                "file": path,
                "articles": 0,
                "skipped": [],
                "notes": [],
                "deduplicated": 0,
                "duplicates": [],
                "out_of_range": 0,
                "many": False,
            }
        return entry

    def add(self, out) -> None:
        """An article read (an ArticleOutput)."""
        if out.file:
            entry = self._entry(out.file)
            entry["articles"] += 1
            entry["many"] = entry["many"] or "#" in out.doc or out.file == "-"

    def note(self, item) -> None:
        """A file or row skipped, a note on an article read, or an article dropped (engines.Dropped)."""
        entry = self._entry(item.path)
        if isinstance(item, Skipped):
            entry["skipped"].append(item.reason)
        elif getattr(item, "duplicate", None):
            self.duplicates += 1
            entry["deduplicated"] += 1
            entry["duplicates"].append({"doc": item.doc, "same_as": item.reason.removeprefix("duplicate of ")})
        elif hasattr(item, "duplicate"):
            self.out_of_range += 1
            entry["out_of_range"] += 1
        else:
            entry["notes"].append(item.reason)

    def lines(self) -> list[str]:
        if not (self.duplicates or self.out_of_range):
            return []
        return [f"duplicates dropped: {self.duplicates}, out of the date range: {self.out_of_range}"]

    def report(self) -> dict:
        def worth(e):
            return e["many"] or e["skipped"] or e["notes"] or e["deduplicated"] or e["out_of_range"]

        return {
            "duplicates": self.duplicates,
            "out_of_range": self.out_of_range,
            # a key appears when it holds something
            "inputs": [
                {k: v for k, v in e.items() if k != "many" and (v or k in ("file", "articles"))}
                for e in self.files.values()
                if worth(e)
            ],
        }
