"""Matches of claims against snapshots, and the suggestion on each claim.

Revision ID: 81d07ea762c8
Revises: fb5ffdf3e5bb
Create Date: 2026-11-26 11:21:33.471853
"""

from alembic import op
import sqlalchemy as sa


revision = '81d07ea762c8'
down_revision = 'fb5ffdf3e5bb'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('passage', sa.Text(), nullable=False),
    sa.Column('passage_start', sa.Integer(), nullable=False),
    sa.Column('passage_end', sa.Integer(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('highlights', sa.JSON(), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('anchor', sa.JSON(), nullable=False),
    sa.Column('matcher_version', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_matches_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], name=op.f('fk_matches_snapshot_id_snapshots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matches'))
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index('ix_matches_claim_id_rank', ['claim_id', 'rank'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_snapshot_id'), ['snapshot_id'], unique=False)

    with op.batch_alter_table('claims', schema=None) as batch_op:
        # Server defaults fill the rows that exist already.
        batch_op.add_column(sa.Column('suggestion', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('suggestion_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('is_source_changed', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('is_source_changed')
        batch_op.drop_column('suggestion_reason')
        batch_op.drop_column('suggestion')

    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_snapshot_id'))
        batch_op.drop_index('ix_matches_claim_id_rank')

    op.drop_table('matches')
