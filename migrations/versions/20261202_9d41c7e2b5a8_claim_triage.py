"""Triage on claims: check_first, checkable or not_checkable, a score and the reason
in words (matching/triage.py), in place of the import's hint, which said the kinds of
fact a sentence holds from a reading of its own. Claims already stored are triaged here.

Revision ID: 9d41c7e2b5a8
Revises: 2c982f8432fe
Create Date: 2026-12-02 10:05:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '9d41c7e2b5a8'
down_revision = '2c982f8432fe'
branch_labels = None
depends_on = None

INDEX = 'ix_claims_check_first_pending_article_id'
WHERE = "status = 'pending' AND triage = 'check_first' AND kind <> 'not_claim'"
BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('triage', sa.String(length=20), nullable=False,
                                      server_default='checkable'))
        batch_op.add_column(sa.Column('triage_score', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.alter_column('hint', new_column_name='triage_reason',
                              existing_type=sa.String(length=120), existing_nullable=False)
    _triage_stored_claims()
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(INDEX, ['article_id'], unique=False,
                              postgresql_where=sa.text(WHERE), sqlite_where=sa.text(WHERE))


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(INDEX)
        batch_op.alter_column('triage_reason', new_column_name='hint',
                              existing_type=sa.String(length=120), existing_nullable=False)
        batch_op.drop_column('triage_score')
        batch_op.drop_column('triage')


def _triage_stored_claims() -> None:
    """Every stored claim triaged from its text and its article's language."""
    from workbench.matching.reading import read
    from workbench.matching.triage import triage

    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT claims.id, claims.text, articles.language FROM claims"
        " JOIN articles ON articles.id = claims.article_id"
    )).all()
    update = sa.text("UPDATE claims SET triage = :label, triage_score = :score,"
                     " triage_reason = :reason WHERE id = :id")
    for start in range(0, len(rows), BATCH):
        found = []
        for claim_id, text, language in rows[start:start + BATCH]:
            t = triage(read(text, language))
            found.append({"id": claim_id, "label": t.label, "score": t.score, "reason": t.reason})
        conn.execute(update, found)
