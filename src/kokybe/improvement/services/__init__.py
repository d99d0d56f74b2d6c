"""Writes of the improvement app, split by subdomain; the names other apps use are re-exported here."""

from kokybe.improvement.services.content import action_cause_link, action_create, action_create_from_cause

__all__ = ["action_cause_link", "action_create", "action_create_from_cause"]
