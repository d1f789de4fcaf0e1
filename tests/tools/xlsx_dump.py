#!/usr/bin/env python3
"""xlsx_dump.py FILE: print every sheet of an XLSX workbook, read with the
standard library only (zipfile + xml), as lines "SHEET<TAB>cell<TAB>cell...".
Numbers are printed as Python reads them (3.0 -> 3, 0.333 stays)."""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

def col_index(ref):
    n = 0
    for ch in ref:
        if ch.isalpha():
            n = n * 26 + ord(ch.upper()) - 64
        else:
            break
    return n - 1

def main(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    rels = {r.get("Id"): r.get("Target") for r in
            ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(REL + "Relationship")}
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    for sh in wb.find("m:sheets", NS):
        name = sh.get("name")
        target = rels[sh.get("{%s}id" % NS["r"])]
        target = target.lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        root = ET.fromstring(z.read(target))
        for row in root.iter("{%s}row" % NS["m"]):
            cells = []
            for c in row.findall("m:c", NS):
                i = col_index(c.get("r"))
                while len(cells) < i:
                    cells.append("")
                t = c.get("t")
                if t == "s":
                    v = shared[int(c.find("m:v", NS).text)]
                elif t == "inlineStr":
                    v = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
                else:
                    e = c.find("m:v", NS)
                    v = e.text if e is not None else ""
                    try:
                        f = float(v)
                        v = str(int(f)) if f == int(f) else repr(f)
                    except ValueError:
                        pass
                cells.append(v)
            print("\t".join([name] + cells))

if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except BrokenPipeError:
        # A reader that has seen enough (grep -q) closed the pipe.
        sys.stderr.close()
        sys.exit(0)
