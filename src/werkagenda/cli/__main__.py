from werkagenda.cli import main

main()
