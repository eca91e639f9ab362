"""Generate a corpus of unique, varied news-like articles for the benchmarks.

Articles are assembled from sentence templates filled with real place names, forces,
figures, officials and dates drawn with a seeded random generator, so a run is
reproducible and no two articles are the same.
"""
from __future__ import annotations

import random
from pathlib import Path

PLACES = [
    "Belarus", "Ukraine", "Crimea", "Donbas", "Kyiv", "Kharkiv", "Voronezh", "Belgorod", "Kursk", "Pskov",
    "Kaliningrad", "Poland", "Lithuania", "Latvia", "Estonia", "Romania", "Moldova", "Transnistria", "Georgia",
    "Abkhazia", "Armenia", "Azerbaijan", "Syria", "Latakia", "Hmeimim", "Tartus", "Iraq", "Erbil", "Mosul",
    "Mali", "Gao", "Niger", "Niamey", "Sudan", "Darfur", "Taiwan", "the Taiwan Strait", "the South China Sea",
    "the Black Sea", "the Sea of Azov", "the Baltic Sea", "Finland", "Norway", "the Arctic", "Eastern Europe",
    "the Balkans", "Kosovo", "Serbia", "Venezuela", "Guyana", "Essequibo", "Yemen", "the Red Sea", "Djibouti",
    "Somalia", "the Horn of Africa", "Israel", "Lebanon", "the Golan Heights", "Gaza", "the West Bank",
    "Jordan", "Turkey", "Incirlik", "Germany", "Ramstein", "Brest", "Grodno", "Gomel", "Mozyr", "Smolensk",
    "Rostov-on-Don", "Taganrog", "Sevastopol", "Kherson", "Zaporizhzhia", "Mariupol", "Odesa", "Lviv",
    "South Korea", "North Korea", "Japan", "Okinawa", "the Philippines", "India", "Ladakh", "Pakistan",
]
FORCES = [("Russia", "Russian"), ("the United States", "U.S."), ("Poland", "Polish"), ("Germany", "German"),
          ("NATO", "NATO"), ("China", "Chinese"), ("Turkey", "Turkish"), ("France", "French"),
          ("Britain", "British"), ("Ukraine", "Ukrainian"), ("Belarus", "Belarusian"), ("Iran", "Iranian"),
          ("India", "Indian"), ("Israel", "Israeli"), ("Japan", "Japanese")]
UNITS = ["troops", "soldiers", "military personnel", "servicemen", "paratroopers", "marines", "tanks",
         "armored vehicles", "fighter jets", "helicopters", "drones", "warships", "howitzers", "battalion tactical groups",
         "air defense systems", "missiles", "reservists", "rocket launchers", "submarines", "brigades"]
OFFICIALS = ["Defense Minister Anna Kovacs", "Foreign Minister Li Wen", "General Tomas Berg", "spokesman Ivan Petrov",
             "Secretary Jane Miller", "analyst Omar Haddad", "Colonel Pierre Laurent", "Senator Mark Ellis"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

FIGURE_SENTENCES = [
    "{force} has sent {n} {unit} to {place}, {official} said on {day}.",
    "According to {official}, {force} deployed {n} {unit} near {place}.",
    "Satellite images show {n} {adj} {unit} massing along the border of {place}.",
    "{adj} forces moved {n} {unit} from {place2} to {place} over the weekend.",
    "Officials estimate that {force} could deploy up to {n} {unit} in {place} by {month}.",
    "{force} is expected to station about {n} {unit} at bases in {place}, {official} told reporters.",
    "The {adj} military said {n} {unit} had arrived in {place} for exercises.",
    "Thousands of {adj} {unit} were seen near {place}, {official} added.",
    "{force} has put {n} {unit} on heightened alert for a possible deployment to {place}.",
]
NOISE_SENTENCES = [
    "{official} warned that the situation around {place} remained tense.",
    "The government in {place} has provided more than ${money} billion in aid since {year}.",
    "More than {n} people lost their lives in the fighting in {place} in {year}.",
    "Markets in {place} fell by {pct} percent on {day} as investors weighed the risks.",
    "The talks in {place2} ended without progress, {official} said.",
    "The {model} jets and {model2} systems were showcased at a parade in {place}.",
    "Diplomats from {place} and {place2} are due to meet again in {month}.",
    "Thousands of refugees have crossed from {place} into {place2} since {month}.",
    "The {ordinal} Guards Army held drills {km} km from {place}, according to the ministry.",
    "{official} said the move was a response to provocations by {place2}.",
]


def article(rng: random.Random, i: int) -> str:
    year = rng.choice([2021, 2022, 2023, 2024])
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [f"Date: {date}", "", f"Report {i}: tensions around {rng.choice(PLACES)}", ""]
    for _ in range(rng.randint(3, 7)):
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            template = rng.choice(FIGURE_SENTENCES if rng.random() < 0.35 else NOISE_SENTENCES)
            force, adj = rng.choice(FORCES)
            paragraph.append(template.format(
                force=force, adj=adj, n=f"{rng.randint(2, 250) * rng.choice([1, 10, 100, 1000]):,}",
                unit=rng.choice(UNITS), place=rng.choice(PLACES), place2=rng.choice(PLACES),
                official=rng.choice(OFFICIALS), day=rng.choice(["Monday", "Tuesday", "Friday", "Sunday"]),
                month=rng.choice(MONTHS), money=f"{rng.randint(1, 90) / 10:.1f}", year=year - rng.randint(0, 8),
                pct=rng.randint(1, 40), model=rng.choice(["Su-35", "F-16", "MiG-29", "F-35"]),
                model2=rng.choice(["S-400", "Patriot", "HIMARS"]), ordinal=rng.choice(["1st", "20th", "58th", "8th"]),
                km=rng.randint(5, 300)).replace("$", "$ ") + f" ({i}.{len(paragraph)})")
        lines.append(" ".join(paragraph))
        lines.append("")
    # capitalise a sentence that starts with a lower-case force name
    return "\n".join(line[:1].upper() + line[1:] for line in lines)


def generate(folder: Path, count: int, seed: int = 1) -> int:
    """Write ``count`` articles into ``folder``; returns the number of words written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(count):
        text = article(rng, i)
        words += len(text.split())
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article_{i:06d}.txt").write_text(text, encoding="utf-8")
    return words
