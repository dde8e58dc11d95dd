import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SurveyLookup } from '../core/cases/cases.js';
import type { AuditEntry } from '../core/privacy/audit.js';
import type { HouseholdSurvey, SurveyStore } from '../core/welfare/survey.js';
import { once } from './clients.js';
import { auditPut } from './dynamo-audit.js';
import { dynamo, isConditionFailure, partitionPrefix, queryAll } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

const strip = ({ pk: _pk, sk: _sk, type: _type, ...survey }: Record<string, unknown>) =>
  survey as unknown as HouseholdSurvey;

/** Household surveys (keys.ts): SURVEY#<village> / S#<id>, with a PERSON#<pseudonym> index item per member. */
export class DynamoSurveyStore implements SurveyStore, SurveyLookup {
  constructor(private readonly tableName: string) {}

  async create(survey: HouseholdSurvey, audit: AuditEntry): Promise<HouseholdSurvey | undefined> {
    const members = survey.members.flatMap((member) => (member.person ? [member.person] : []));
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.survey(survey.villageCode, survey.id), type: 'SURVEY', ...survey },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...members.map((person) => ({
              Put: {
                TableName: this.tableName,
                Item: { ...keys.surveyMember(person, survey.villageCode, survey.id), type: 'SURVEY_MEMBER' },
              },
            })),
            { Put: auditPut(this.tableName, audit) },
          ],
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error, 0)) throw error;
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: this.tableName, Key: keys.survey(survey.villageCode, survey.id) }),
      );
      if (!Item) throw error;
      return strip(Item);
    }
  }

  async listAudited(villageCode: string, audit: AuditEntry): Promise<HouseholdSurvey[]> {
    await dynamo().send(new PutCommand(auditPut(this.tableName, audit)));
    return this.all(villageCode);
  }

  async all(villageCode: string): Promise<HouseholdSurvey[]> {
    const { pk } = keys.survey(villageCode, '');
    return (await queryAll(partitionPrefix(this.tableName, pk, 'S#'))).map(strip);
  }

  /** Whether the village has this survey (a welfare case links to it): one GetItem of the key only. */
  async exists(villageCode: string, surveyId: string): Promise<boolean> {
    const { Item } = await dynamo().send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.survey(villageCode, surveyId),
        ProjectionExpression: 'pk',
      }),
    );
    return Item !== undefined;
  }

  async byPerson(person: string): Promise<HouseholdSurvey[]> {
    const { pk } = keys.surveyMember(person, '', '');
    const index = await queryAll(partitionPrefix(this.tableName, pk, 'SURVEY#'));
    const found = await Promise.all(
      index.map(async (item) => {
        const [, village = '', id = ''] = String(item.sk).split('#');
        const { Item } = await dynamo().send(
          new GetCommand({ TableName: this.tableName, Key: keys.survey(village, id) }),
        );
        return Item ? [strip(Item)] : [];
      }),
    );
    return found.flat();
  }
}

export const surveyStore = once(() => new DynamoSurveyStore(requiredEnv('TABLE_NAME')));
