from storylens.cli.app import main

main()
