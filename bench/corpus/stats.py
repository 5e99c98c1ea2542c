"""Counts for README.md: reports by level and year (and province for the wave-2 "e" files), and the
per-indicator table of the gold labels.  Run: python3 stats.py [all|d|e|m] [DIR]   (default: all, this folder)
  d: d/p files; e: wave 2 (e001-e048, q files); m: the openings moved from the hold-out (e049 on);
  DIR: another labelled folder of the same layout (python3 stats.py all ../holdout for the hold-out tables)

Columns of the indicator table:
  non-null        value is a number or `mentioned`
  number          value is a number
  mentioned       value is `mentioned`
  with review     entry carries `expect: review` (whatever its value, null included)
  null with note  value is null and the entry explains why (a look-alike, a plan, another jurisdiction …)
"""
import collections, csv, pathlib, sys, yaml

HERE = pathlib.Path(__file__).resolve().parent
IDS = ["court_appearance_rate", "suit_after_reconsideration_ratio", "loss_rate_after_reconsideration",
       "reconsideration_hearing_rate", "legal_lectures", "law_exams", "enforcement_training",
       "case_file_review", "reconsideration_typical_cases", "trial_observation", "major_decision_catalog",
       "reconsideration_correction_rate", "dispute_resolution_rate", "mediation_success_rate",
       "proposal_completion_rate", "online_service_rate"]
LEVELS = ["province", "prefecture", "county", "township", "department"]

# Province of each wave-2 report, read from its text or (when the text names none) its source site;
# None where neither names one.  The d-files' provinces are listed in README.md.
PROVINCE_E = {
    "e001.txt": "浙江", "e002.txt": "广西", "e003.txt": "重庆", "e004.txt": "广东", "e005.txt": "江苏",
    "e006.txt": "浙江", "e007.txt": "广东", "e008.txt": None, "e009.txt": "广西", "e010.txt": "重庆",
    "e011.txt": "重庆", "e012.txt": "广东", "e013.txt": "上海", "e014.txt": "上海", "e015.txt": "安徽",
    "e016.txt": "安徽", "e017.txt": "安徽", "e018.txt": "宁夏", "e019.txt": "宁夏", "e020.txt": "天津",
    "e021.txt": "天津", "e022.txt": "天津", "e023.txt": "西藏", "e024.txt": "西藏", "e025.txt": "西藏",
    "e026.txt": "安徽", "e027.txt": "河南", "e028.txt": "浙江", "e029.txt": "湖北", "e030.txt": "广东",
    "e031.txt": "北京", "e032.txt": "广东", "e033.txt": "内蒙古", "e034.txt": "贵州", "e035.txt": "贵州",
    "e036.txt": "贵州", "e037.txt": "新疆", "e038.txt": "福建", "e039.txt": "福建", "e040.txt": None,
    "e041.txt": "江西", "e042.txt": "(national)", "e043.txt": "重庆", "e044.txt": "上海", "e045.txt": "北京",
    "e046.txt": "广东", "e047.txt": "广东", "e048.txt": "广东",
    # moved from the hold-out (h012 h017 h019 h021 h032 h033 h034 h040 h042 h043)
    "e049.txt": "(national)", "e050.txt": "广东", "e051.txt": "河南", "e052.txt": "福建", "e053.txt": "安徽",
    "e054.txt": "新疆", "e055.txt": "新疆", "e056.txt": "山东", "e057.txt": "山东", "e058.txt": "广东",
    # moved from the hold-out, round 3 (h055 h056 h058 h060 h067 h069 h071; h085; h087 h093)
    "e059.txt": "江苏", "e060.txt": "四川", "e061.txt": "贵州", "e062.txt": "山东", "e063.txt": "陕西",
    "e064.txt": "天津", "e065.txt": "吉林", "e066.txt": "宁夏", "e067.txt": "西藏", "e068.txt": "湖北",
    # moved from the hold-out, round 4 (h114 h119 h113 h127 h115 h118 h107; h057 h063 h091)
    "e069.txt": "山东", "e070.txt": "湖南", "e071.txt": "湖南", "e072.txt": "新疆", "e073.txt": "广东",
    "e074.txt": "江苏", "e075.txt": "重庆", "e076.txt": "四川", "e077.txt": "湖南", "e078.txt": "湖南",
    # moved from the hold-out, round 5 (h100 h116 h137; h140 h142 h143 h146 h154 h164 h170 h172; h180 h184 h188; h125)
    "e079.txt": "重庆", "e080.txt": "天津", "e081.txt": "山西", "e082.txt": "宁夏", "e083.txt": "湖南",
    "e084.txt": "湖南", "e085.txt": "福建", "e086.txt": "北京", "e087.txt": None, "e088.txt": "四川",
    "e089.txt": "湖北", "e090.txt": "湖南", "e091.txt": "福建", "e092.txt": "山西", "e093.txt": "安徽",
    # moved from the hold-out, round 6 (h104; h195 h198 h201 h204 h206 h211 h212 h215 h223 h225 h226 h229 h230; h197)
    "e094.txt": "云南", "e095.txt": "广东", "e096.txt": "辽宁", "e097.txt": "河南", "e098.txt": "福建",
    "e099.txt": "山东", "e100.txt": "广东", "e101.txt": "广东", "e102.txt": "重庆", "e103.txt": "安徽",
    "e104.txt": "浙江", "e105.txt": "广东", "e106.txt": "河北", "e107.txt": "湖北", "e108.txt": "辽宁",
    # moved from the hold-out, round 7 (h239 h241 h247 h249 h250 h251 h256 h257 h264 h267)
    "e109.txt": "江苏", "e110.txt": "黑龙江", "e111.txt": "浙江", "e112.txt": "陕西", "e113.txt": "江苏",
    "e114.txt": "湖北", "e115.txt": "江西", "e116.txt": "辽宁", "e117.txt": "(national)", "e118.txt": "陕西",
    # moved from the hold-out, round 8 (h269 h281 h282)
    "e119.txt": "广西", "e120.txt": "广东", "e121.txt": "江西",
}
WAVE2_LAST = 48  # e001-e048 were collected in wave 2; later e-files came from the hold-out


def selected(name, which):
    """Whether an INDEX file name belongs to the selection: all, d (d/p), e (wave 2: e001-e048, q), m (moved)."""
    if which == "all":
        return True
    if which == "d":
        return name[0] in "dp"
    wave2 = name[0] == "q" or (name[0] == "e" and int(name[1:4]) <= WAVE2_LAST)
    return wave2 if which == "e" else name[0] == "e" and not wave2


def main(which="all", root=HERE):
    index = list(csv.DictReader(open(root / "corpus/INDEX.tsv", encoding="utf-8"), delimiter="\t"))
    reports = [r for r in index if r["kind"] == "report" and selected(r["file"], which)]
    plans = [r for r in index if r["kind"] == "plan" and selected(r["file"], which)]

    years = sorted({int(r["year_covered"]) for r in reports})
    grid = collections.Counter((r["level"], int(r["year_covered"])) for r in reports)
    print("| level | " + " | ".join(map(str, years)) + " | total |")
    print("|---|" + "---|" * (len(years) + 1))
    for lv in LEVELS:
        cells = [str(grid[(lv, y)]) if grid[(lv, y)] else "·" for y in years]
        print(f"| {lv} | " + " | ".join(cells) + f" | {sum(grid[(lv, y)] for y in years)} |")
    print("| total | " + " | ".join(str(sum(grid[(lv, y)] for lv in LEVELS)) for y in years) + f" | {len(reports)} |")

    scripts = collections.Counter(r["script"] for r in reports)
    print("\nscript: " + ", ".join(f"{k} {v}" for k, v in sorted(scripts.items())))
    if which in ("e", "m"):
        prov = collections.Counter(PROVINCE_E.get(r["file"]) or "(none named)" for r in reports)
        print("provinces: " + ", ".join(f"{k} {v}" for k, v in prov.most_common()))

    tab = {i: collections.Counter() for i in IDS}
    for r in reports:
        g = yaml.safe_load(open(root / "gold" / r["file"].replace(".txt", ".yaml"), encoding="utf-8"))
        for i, e in g["indicators"].items():
            v = e.get("value")
            c = tab[i]
            if v is not None:
                c["non-null"] += 1
                c["number" if isinstance(v, (int, float)) else "mentioned"] += 1
            if e.get("expect") == "review":
                c["with review"] += 1
            if v is None and e.get("note"):
                c["null with note"] += 1
    cols = ["non-null", "number", "mentioned", "with review", "null with note"]
    print("\n| indicator | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for i in IDS:
        print(f"| {i} | " + " | ".join(str(tab[i][c]) for c in cols) + " |")
    print(f"| total | " + " | ".join(str(sum(tab[i][c] for i in IDS)) for c in cols) + " |")

    if plans:
        pl = yaml.safe_load(open(root / "gold/plans.yaml", encoding="utf-8"))
        n = {p["file"]: len(pl.get(p["file"]) or []) for p in plans}
        linked = sum(1 for p in plans for t in pl.get(p["file"]) or [] if t.get("indicator"))
        print("\nplans: " + ", ".join(f"{k[:-4]} {v}" for k, v in n.items())
              + f" ({sum(n.values())} targets; {linked} linked to a catalog id)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "all", pathlib.Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else HERE)
