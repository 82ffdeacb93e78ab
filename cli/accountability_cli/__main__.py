from accountability_cli import main

main()
