"""The bundle's program: the same `main` as the installed `loyalty-desk` command."""
from loyalty_desk.app import main

raise SystemExit(main())
