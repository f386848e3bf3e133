#!/usr/bin/env python3
"""Writes COPY text for People and Faces: N faces, 3 per person, random unit 512-d float32 embeddings (little-endian,
as the app stores them) made by MODEL_ID, for the index-load benchmark. Usage: seed-faces.py people|faces N MODEL_ID"""
import math, random, struct, sys, uuid

table, count, model_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(1)
people = [uuid.UUID(int=random.getrandbits(128)) for _ in range((count + 2) // 3)]
out = sys.stdout
if table == "people":
    for i, pid in enumerate(people):
        out.write(f"{pid}\tB{i:07d}\tBench Person {i}\t\\N\t2026-12-01 00:00:00+00\n")
else:
    for i in range(count):
        pid = people[i // 3]
        vector = [random.gauss(0, 1) for _ in range(512)]
        norm = math.sqrt(sum(v * v for v in vector))
        data = struct.pack("<512f", *(v / norm for v in vector)).hex()
        fid = uuid.UUID(int=random.getrandbits(128))
        out.write(f"{fid}\t{pid}\t\\\\x{data}\t{model_id}\tfaces/{pid}/{fid}.jpg\t2026-12-01 00:00:00+00\n")
