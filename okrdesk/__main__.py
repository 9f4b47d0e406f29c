from okrdesk.cli import main

raise SystemExit(main())
