# LogTriage: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/logtriage
PREFIX ?= /usr/local
# The Swift runtime and Foundation are linked into the binary: an installed copy needs no
# Swift toolchain, only the Debian libraries it names (ISA-L, zlib, SQLite, RE2).
STATIC = --static-swift-stdlib
# The release binary skips Swift's run-time exclusivity checks: on the bench week they took 4 to
# 7% of the run (swift_beginAccess on every stage's state, per record). The debug build the
# tests run keeps them, so an overlapping access still traps there.
RELEASE_FLAGS = -Xswiftc -enforce-exclusivity=unchecked

.PHONY: deps embed build demo test sanitize bench bench-merge loghub sample install fuzz fuzz-build clean

deps:
	@scripts/install-deps.sh

# The built-in YAML compiled into Swift, and the source revision `--version` prints.
embed:
	@python3 scripts/embed-resources.py
	@scripts/write-revision.sh

build: deps embed
	$(SWIFT) build -c release --product logtriage $(STATIC) $(RELEASE_FLAGS)

# One binary (no resource bundle) and its shell completions under $(PREFIX).
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/logtriage
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/logtriage
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_logtriage
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/logtriage.fish

# Runs the main job on the bundled sample export and writes Reports/sample/.
demo: build
	$(RELEASE_BIN) analyze Samples/week/logs --config Samples/triage.yml --alerts Samples/alerts.yml --baseline Samples/last-week --out Reports/sample

# Runs the whole test suite, after a short run of every fuzz harness (FUZZ_SMOKE_SECONDS each).
FUZZ_SMOKE_SECONDS ?= 10
test: deps embed fuzz-build
	scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)
	$(SWIFT) test --disable-xctest

# The whole test suite once under AddressSanitizer, then once under ThreadSanitizer (the
# analysis runs a decode thread beside the parse), each in its own build folder; the tests
# run that build's logtriage and fuzz replay driver. Not part of `make test` (too slow for CI).
# Under ThreadSanitizer the runs under a file size limit are skipped: its runtime itself dies
# of SIGBUS under `ulimit -f`.
# Leak detection is off, as in scripts/fuzz.sh (Foundation leaks 4 KiB reading an empty file).
# Both builds start from scratch: SwiftPM's incremental build does not recompile a target when
# a type it uses from another target gains a stored property (swift-package-manager#10502),
# and the stale layout then crashes the tests in memory they misread.
sanitize: deps embed
	rm -rf .build-asan .build-tsan
	LOGTRIAGE_BUILD_FOLDER=.build-asan ASAN_OPTIONS=detect_leaks=0 \
		$(SWIFT) test --disable-xctest --sanitize=address --scratch-path .build-asan
	LOGTRIAGE_BUILD_FOLDER=.build-tsan LOGTRIAGE_SANITIZER=thread \
		$(SWIFT) test --disable-xctest --sanitize=thread --scratch-path .build-tsan

# Regenerates the bundled sample export (with the NrAiIncident events New Relic opened for
# Samples/alerts.yml) and last week's report folder, its baseline (deterministic: the same
# files every time). Only last week's summary.json, categories.csv and chronic.csv are kept,
# as a weekly batch would keep last week's report.
sample: build
	rm -rf Samples/week Samples/last-week .build/previous-week
	$(RELEASE_BIN) sample --out Samples/week --seed 1 --scale 1 --alerts Samples/alerts.yml
	$(RELEASE_BIN) sample --out .build/previous-week --seed 2 --scale 1 --previous-week
	$(RELEASE_BIN) analyze .build/previous-week/logs --config Samples/triage.yml --alerts Samples/alerts.yml --out .build/previous-week/report --quiet
	mkdir -p Samples/last-week
	cp .build/previous-week/report/summary.json .build/previous-week/report/categories.csv .build/previous-week/report/chronic.csv Samples/last-week/

# Ingest throughput and memory against zcat and igzip on generated exports (>= 1 GB).
bench: build
	scripts/bench.sh

# A merge of a generated 1 GB week's daily partials against one analyze (README: partials).
bench-merge: build
	scripts/merge-bench.sh
	scripts/merge-bench.sh alerts

# libFuzzer harnesses (Sources/logtriage-fuzz) for the JSON scanner, the input reader (gzip
# and framing), NRQL, the conditions file and triage.yml; FUZZ_SECONDS each (default 600).
FUZZ_SECONDS ?= 600
fuzz-build: deps embed
	$(SWIFT) build --product logtriage-fuzz --scratch-path .build-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library

fuzz: fuzz-build
	scripts/fuzz.sh $(FUZZ_SECONDS)

# Grouping accuracy of `logtriage patterns` on the Loghub-2k benchmark in ../shared.
loghub: build
	python3 scripts/loghub_ga.py

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan bench-data
