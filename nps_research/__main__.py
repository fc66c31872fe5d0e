from nps_research.cli import app

app(prog_name="nps-research")
