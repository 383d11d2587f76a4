# Exploitation Hub: the usual entry points. See docs/development.md.
.PHONY: test demo frontend benchmark clean

test:
	bash scripts/run_tests.sh

demo:
	bash scripts/demo.sh

frontend:
	bash frontend/build.sh

benchmark:
	bash benchmarks/run.sh

clean:
	rm -rf var .venv .tools
