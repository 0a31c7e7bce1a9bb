"""Times Typst (the PyPI `typst` binding) on the minutes IAG Desk renders.

Run by the typst benchmark (benches/typst.rs) in a virtual environment:

  typst_driver.py fresh SOURCE.typ OUT.pdf
      one compile in this new process: a new Compiler (it finds the system's
      fonts), then the PDF; prints its milliseconds.
  typst_driver.py recompile SOURCE.typ CHANGED.typ RUNS
      one Compiler: a first compile, then RUNS compiles that alternate between
      the two sources (a one-word change each time), which Typst's memoisation
      makes incremental; prints each one's milliseconds.
"""

import sys
import time

import typst


def compile_ms(compiler, source):
    start = time.perf_counter()
    pdf = compiler.compile(input=source, format="pdf")
    return (time.perf_counter() - start) * 1e3, pdf


def main():
    mode = sys.argv[1]
    if mode == "fresh":
        source = open(sys.argv[2], "rb").read()
        start = time.perf_counter()
        compiler = typst.Compiler()
        pdf = compiler.compile(input=source, format="pdf")
        elapsed = (time.perf_counter() - start) * 1e3
        with open(sys.argv[3], "wb") as out:
            out.write(pdf)
        print(f"{elapsed:.3f}")
    elif mode == "recompile":
        first = open(sys.argv[2], "rb").read()
        changed = open(sys.argv[3], "rb").read()
        runs = int(sys.argv[4])
        compiler = typst.Compiler()
        compile_ms(compiler, first)
        times = []
        for i in range(runs):
            ms, _ = compile_ms(compiler, changed if i % 2 == 0 else first)
            times.append(ms)
        print(" ".join(f"{t:.3f}" for t in times))
    else:
        sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
