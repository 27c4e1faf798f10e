from gestao_negativacao.cli import main

raise SystemExit(main())
