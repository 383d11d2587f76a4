"""Writes of the NRM app: referrals, Duty to Notify records, decisions, defence notes."""
