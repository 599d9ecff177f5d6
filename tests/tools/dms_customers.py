#!/usr/bin/env python3
"""Writes a DMS customers export of N rows (Windows-1252, `;`, French dates) for tests and benchmarks.

Usage: dms_customers.py N OUT.csv [--bad PERCENT]
"""
import random
import sys

FIRST = ["François", "Zoé", "Jérôme", "Célia", "Loïc", "Hélène", "Noël", "Agnès", "Cédric", "Inès"]
LAST = ["Martin", "Lemaître", "Dubois", "Mercier", "Perrin", "Bézier", "Garçon", "Lefèvre", "Roux", "Fabre"]
CITY = [("69003", "Lyon"), ("75011", "Paris"), ("13008", "Marseille"), ("31000", "Toulouse"), ("67000", "Strasbourg")]


def main() -> None:
    n, out = int(sys.argv[1]), sys.argv[2]
    bad = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--bad" else 0.0
    rng = random.Random(2026)
    with open(out, "w", encoding="cp1252", newline="") as f:
        f.write("Code client;Civilité;Nom;Prénom;Adresse;CP;Ville;Tél portable;Tél fixe;Email;Date création;Accord email\r\n")
        for i in range(n):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            cp, city = rng.choice(CITY)
            day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2005, 2026)}"
            if rng.random() * 100 < bad:
                day = "31/02/2021"
            mail = f"{first.lower()}.{last.lower()}{i}@example.fr".encode("ascii", "ignore").decode()
            f.write(
                f"C{500000 + i};{rng.choice(['M.', 'Mme'])};{last};{first};{rng.randint(1, 200)} rue de la Gare;{cp};{city};"
                f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)};;{mail};{day};{rng.choice('ON')}\r\n"
            )


if __name__ == "__main__":
    main()
